package io.tradingengine.app;

import io.tradingengine.app.replay.ReplayCommand;
import io.tradingengine.app.replay.ReprocessCommand;
import io.tradingengine.app.replay.SinkCommand;
import io.tradingengine.app.schemas.SchemasCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one executable: {@code ./trading-engine <command>}. */
@Command(name = "trading-engine", mixinStandardHelpOptions = true, version = "trading-engine 0.1.0",
        description = "Real-time trading engine for prop-firm assessments on Kafka Streams.",
        subcommands = {DevCommand.class, RunCommand.class, TokenCommand.class, LoadCommand.class,
                LoadTicksCommand.class, SchemasCommand.class, ReplayCommand.class, ReprocessCommand.class,
                SinkCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    static {
        // Avro 1.12 instantiates generated classes only from trusted packages; ours must be among them.
        if (System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES") == null) {
            System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.tradingengine.avro");
        }
    }

    public static void main(String[] args) {
        int exitCode = commandLine().execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** The configured command line; start-up errors print one clear line instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("trading-engine: " + Errors.describe(e));
            return 2;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
