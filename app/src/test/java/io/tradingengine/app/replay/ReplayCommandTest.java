package io.tradingengine.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingengine.app.EngineConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The replay command line: what it accepts and the replay it asks for. */
class ReplayCommandTest {

    private final EngineConfig config = EngineConfig.fromEnvironment(Map.of(EngineConfig.DATA_DIR, "/tmp/te-data",
            EngineConfig.CRYPTO_FEE_PERCENT, "0.0005"));

    @Test
    void shouldAskForAShadowWithTheOverriddenSlippageAndTheEnvironmentsOtherRates() {
        ReplaySpec spec = parse("--from-timestamp", "2025-03-01T12:00:00Z", "--to-timestamp", "2025-03-02",
                "--as", "wide-slippage", "--crypto-slippage", "0.01");

        assertThat(spec.name()).isEqualTo("wide-slippage");
        assertThat(spec.from()).isEqualTo(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(spec.to()).isEqualTo(Instant.parse("2025-03-02T00:00:00Z"));
        assertThat(spec.topology().cryptoSlippage()).isEqualByComparingTo("0.01");
        assertThat(spec.topology().cryptoFee()).isEqualByComparingTo("0.0005");
        assertThat(spec.topology().predictionSlippage()).isEqualByComparingTo(new BigDecimal("0.002"));
        assertThat(spec.stateDir()).isEqualTo(Path.of("/tmp/te-data/replay"));
        assertThat(spec.lockstep()).isTrue();
        assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldReadStartOffsetsOfOrdersAndPrices() {
        ReplaySpec spec = parse("--from-offset", "0:15,2:7,prices:1:100", "--as", "r1", "--no-lockstep",
                "--timeout", "PT5M");

        assertThat(spec.fromOffsets()).containsExactly(new ReplaySpec.OffsetStart("orders", 0, 15),
                new ReplaySpec.OffsetStart("orders", 2, 7), new ReplaySpec.OffsetStart("prices", 1, 100));
        assertThat(spec.from()).isNull();
        assertThat(spec.lockstep()).isFalse();
        assertThat(spec.timeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void shouldRefuseBothStartsNoStartAndABadName() {
        assertThat(exitCode("--from-offset", "0:1", "--from-timestamp", "earliest", "--as", "r")).isEqualTo(2);
        assertThat(exitCode("--as", "r")).isEqualTo(2);
        assertThatThrownBy(() -> parse("--from-timestamp", "earliest", "--as", "no spaces"))
                .hasMessageContaining("replay name");
        assertThatThrownBy(() -> parse("--from-offset", "orders:x:1", "--as", "r"))
                .hasMessageContaining("--from-offset");
        assertThatThrownBy(() -> parse("--from-timestamp", "earliest", "--as", "r", "--crypto-slippage", "1.5"))
                .hasMessageContaining("cryptoSlippage");
    }

    private ReplaySpec parse(String... args) {
        ReplayCommand command = new ReplayCommand();
        new CommandLine(command).parseArgs(args);
        return command.spec(config);
    }

    private static int exitCode(String... args) {
        CommandLine commandLine = new CommandLine(new ReplayCommand());
        commandLine.setErr(new PrintWriter(new StringWriter()));
        return commandLine.execute(args);
    }
}
