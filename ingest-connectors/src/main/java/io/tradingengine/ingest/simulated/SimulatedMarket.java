package io.tradingengine.ingest.simulated;

import io.tradingengine.avro.AssetClass;
import io.tradingengine.ingest.MarketIds;
import java.util.List;
import java.util.Objects;

/** A market the simulated feed lists and prices. */
public record SimulatedMarket(String market, AssetClass assetClass, String title, WalkSpec walk) {

    public SimulatedMarket {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(walk, "walk");
        if (walk.bounded() != (assetClass == AssetClass.PREDICTION)) {
            throw new IllegalArgumentException("A prediction market needs a bounded walk and a crypto pair an "
                    + "unbounded one: " + market);
        }
    }

    /**
     * The default set: BTC/USD, ETH/USD and SOL/USD around realistic prices with realistic spreads, and two
     * prediction contracts priced in (0, 1).
     */
    public static List<SimulatedMarket> defaults() {
        return List.of(
                new SimulatedMarket("BTC/USD", AssetClass.CRYPTO, "Bitcoin / US dollar",
                        WalkSpec.crypto("65000", "0.00015", "0.00005", "0.01")),
                new SimulatedMarket("ETH/USD", AssetClass.CRYPTO, "Ether / US dollar",
                        WalkSpec.crypto("3200", "0.0002", "0.0001", "0.01")),
                new SimulatedMarket("SOL/USD", AssetClass.CRYPTO, "Solana / US dollar",
                        WalkSpec.crypto("150", "0.0003", "0.0002", "0.001")),
                new SimulatedMarket(MarketIds.kalshi("INXD-SIM"), AssetClass.PREDICTION,
                        "Simulated: S&P 500 closes above the threshold today",
                        WalkSpec.prediction("0.55", "0.002", "0.01", "0.01")),
                new SimulatedMarket(MarketIds.polymarket("sim-election-yes"), AssetClass.PREDICTION,
                        "Simulated: the incumbent wins the election (YES)",
                        WalkSpec.prediction("0.40", "0.0015", "0.005", "0.001")));
    }
}
