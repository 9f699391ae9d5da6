package io.tradingengine.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TradeBufferTest {

    private static final TopicPartition P0 = new TopicPartition("trades", 0);
    private static final TopicPartition P1 = new TopicPartition("trades", 1);

    private final TradeBuffer buffer = new TradeBuffer(3, 100);

    @Test
    void shouldNotFlushWhenEmpty() {
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.shouldFlush(1_000_000)).isFalse();
        assertThat(buffer.millisUntilFlush(0)).isEqualTo(100);
    }

    @Test
    void shouldFlushWhenTheBatchSizeIsReached() {
        buffer.add(P0, 0, TestTrades.trade("t0", "a"), 1000);
        buffer.add(P0, 1, TestTrades.trade("t1", "a"), 1000);
        assertThat(buffer.shouldFlush(1000)).isFalse();

        buffer.add(P1, 7, TestTrades.trade("t2", "b"), 1000);

        assertThat(buffer.shouldFlush(1000)).isTrue();
        assertThat(buffer.millisUntilFlush(1000)).isZero();
    }

    @Test
    void shouldFlushWhenTheOldestRecordHasWaitedTheInterval() {
        buffer.add(P0, 0, TestTrades.trade("t0", "a"), 1000);
        buffer.add(P0, 1, TestTrades.trade("t1", "a"), 1080);

        assertThat(buffer.shouldFlush(1099)).isFalse();
        assertThat(buffer.millisUntilFlush(1060)).isEqualTo(40);
        assertThat(buffer.shouldFlush(1100)).isTrue();
    }

    @Test
    void shouldCommitOnePastTheLastOffsetOfEachPartition() {
        buffer.add(P0, 4, TestTrades.trade("t0", "a"), 0);
        buffer.add(P0, 5, TestTrades.trade("t1", "a"), 0);
        buffer.add(P1, 9, TestTrades.trade("t2", "b"), 0);

        SinkBatch batch = buffer.drain();

        assertThat(batch.rows()).extracting(row -> row.trade().getTradeId()).containsExactly("t0", "t1", "t2");
        assertThat(batch.offsets()).containsEntry(P0, new OffsetAndMetadata(6)).containsEntry(P1,
                new OffsetAndMetadata(10));
    }

    @Test
    void shouldBeEmptyAfterDrainAndStartANewIntervalWithTheNextRecord() {
        buffer.add(P0, 0, TestTrades.trade("t0", "a"), 0);
        buffer.drain();

        assertThat(buffer.isEmpty()).isTrue();
        buffer.add(P0, 1, TestTrades.trade("t1", "a"), 500);
        assertThat(buffer.shouldFlush(550)).isFalse();
        assertThat(buffer.shouldFlush(600)).isTrue();
    }

    @Test
    void shouldCommitTheOffsetOfASkippedRecordWithoutARow() {
        buffer.add(P0, 0, TestTrades.trade("t0", "a"), 0);
        buffer.skip(P0, 1, 0);
        buffer.skip(P1, 3, 0);

        assertThat(buffer.size()).isEqualTo(3);
        assertThat(buffer.shouldFlush(0)).isTrue();
        SinkBatch batch = buffer.drain();
        assertThat(batch.rows()).hasSize(1);
        assertThat(batch.offsets()).containsEntry(P0, new OffsetAndMetadata(2)).containsEntry(P1,
                new OffsetAndMetadata(4));
    }

    @Test
    void shouldForgetTheRecordsOfRemovedPartitions() {
        buffer.add(P0, 0, TestTrades.trade("t0", "a"), 0);
        buffer.skip(P0, 1, 0);
        buffer.add(P1, 5, TestTrades.trade("t1", "b"), 0);

        buffer.removePartitions(List.of(P0));

        assertThat(buffer.size()).isEqualTo(1);
        SinkBatch batch = buffer.drain();
        assertThat(batch.rows()).extracting(row -> row.trade().getTradeId()).containsExactly("t1");
        assertThat(batch.offsets()).containsOnlyKeys(P1);
    }

    @Test
    void shouldDropRevokedPartitionsFromADrainedBatch() {
        buffer.add(P0, 0, TestTrades.trade("t0", "a"), 0);
        buffer.add(P1, 5, TestTrades.trade("t1", "b"), 0);
        SinkBatch batch = buffer.drain();

        SinkBatch kept = batch.without(List.of(P1));

        assertThat(kept.rows()).extracting(row -> row.trade().getTradeId()).containsExactly("t0");
        assertThat(kept.offsets()).containsOnlyKeys(P0);
        assertThat(batch.without(List.of(P0, P1)).isEmpty()).isTrue();
    }

    @Test
    void shouldRejectNonPositiveLimits() {
        assertThatThrownBy(() -> new TradeBuffer(0, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TradeBuffer(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
