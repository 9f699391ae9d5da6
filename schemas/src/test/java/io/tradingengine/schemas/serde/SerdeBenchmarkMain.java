package io.tradingengine.schemas.serde;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SerdeBenchmark} briefly (1 fork, 2 warm-up and 3 measured iterations of 2 s); with arguments,
 * those are JMH's command-line options instead. From the repository root:
 *
 * <pre>
 * ./mvnw -q -pl schemas test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 * java -cp schemas/target/test-classes:schemas/target/classes:$(cat schemas/target/bench.classpath) \
 *     io.tradingengine.schemas.serde.SerdeBenchmarkMain
 * </pre>
 */
public final class SerdeBenchmarkMain {

    private SerdeBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options defaults = new OptionsBuilder()
                .include(SerdeBenchmark.class.getName())
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .build();
        Options options = args.length == 0
                ? defaults
                : new OptionsBuilder().parent(new CommandLineOptions(args))
                        .include(SerdeBenchmark.class.getName()).build();
        new Runner(options).run();
    }
}
