package io.tradingengine.ingest.contract;

import io.tradingengine.ingest.MarketDataConnector;
import io.tradingengine.ingest.simulated.SimulatedFeed;
import io.tradingengine.ingest.simulated.SimulatedMarket;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

class SimulatedFeedContractTest extends MarketDataConnectorContract {

    @Override
    protected MarketDataConnector create(Duration maxTickAge) {
        return new SimulatedFeed(published.publisher(), SimulatedMarket.defaults(), Duration.ofMillis(20),
                new Random(7), Clock.systemUTC());
    }

    @Override
    protected String feed() {
        return "simulated";
    }

    @Override
    protected Set<String> markets() {
        return SimulatedMarket.defaults().stream().map(SimulatedMarket::market).collect(Collectors.toSet());
    }

    @Override
    protected void deliver() {
        // It generates its own ticks.
    }

    @Override
    protected boolean deliverGarbage() {
        return false;
    }

    @Override
    protected boolean silence() {
        return false;
    }

    @Override
    protected void closeFakes() {
        // No fakes.
    }
}
