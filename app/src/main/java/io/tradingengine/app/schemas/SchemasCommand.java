package io.tradingengine.app.schemas;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code trading-engine schemas}: checks the project's Avro schemas for compatible evolution (in CI), registers them,
 * and records released versions in the repository.
 */
@Command(name = "schemas", description = "Check, register and release the topics' Avro schemas.",
        mixinStandardHelpOptions = true,
        subcommands = {SchemasCheckCommand.class, SchemasRegisterCommand.class, SchemasReleaseCommand.class,
                CommandLine.HelpCommand.class})
public final class SchemasCommand implements Runnable {

    /** Exit code of {@code check} when a schema is incompatible. */
    public static final int INCOMPATIBLE = 1;
    /** Exit code when the check could not run (registry unreachable, unreadable files). */
    public static final int FAILED = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
