package io.tradingengine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingengine.avro.AssetClass;
import org.junit.jupiter.api.Test;

class MarketIdsTest {

    @Test
    void shouldTreatVenuePrefixedIdsAsPredictionContractsAndPairsAsCrypto() {
        assertThat(MarketIds.assetClassOf("kalshi:INXD-25MAR01")).isEqualTo(AssetClass.PREDICTION);
        assertThat(MarketIds.assetClassOf("polymarket:7132")).isEqualTo(AssetClass.PREDICTION);
        assertThat(MarketIds.assetClassOf("BTC/USD")).isEqualTo(AssetClass.CRYPTO);
        assertThat(MarketIds.kalshi("A")).isEqualTo("kalshi:A");
        assertThat(MarketIds.polymarket("1")).isEqualTo("polymarket:1");
    }
}
