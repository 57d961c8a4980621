// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fer} command-line app: a thin shell over the fer4j libraries.
 * Run {@code java -jar fer.jar --help} for the commands.
 */
@Command(
        name = "fer",
        mixinStandardHelpOptions = true,
        versionProvider = FerApp.Version.class,
        description = "Recognise the seven basic facial expressions with fer4j.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            DetectCommand.class,
            DistributionCommand.class,
            DemoCommand.class,
            BenchmarkCommand.class,
            CalibrateCommand.class,
            ScoreCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FerApp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--verbose",
            scope = CommandLine.ScopeType.INHERIT,
            description = "On failure, also print the stack trace.")
    boolean verbose;

    /**
     * Runs the app; exits with 0 on success, 1 on failure and 2 on a usage error.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Launcher.relaunchWithAllocatorSettings(args);
        if (System.getProperty("ai.djl.offline") == null) {
            // Natives come from the bundled jars; a hidden download attempt should fail loudly instead.
            System.setProperty("ai.djl.offline", "true");
        }
        System.exit(execute(args));
    }

    /**
     * Runs the app in this JVM (tests call this).
     *
     * @param args the command line
     * @return the exit code
     */
    public static int execute(String... args) {
        int code = new CommandLine(new FerApp())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(FerApp::quietThenRun)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // --verbose is inherited: it may have been given to the subcommand.
                    boolean verbose = false;
                    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
                        verbose |= p.hasMatchedOption("--verbose");
                    }
                    if (!(e instanceof ReportedFailure)) {
                        cmd.getErr()
                                .println("fer: "
                                        + (verbose && e.getMessage() != null ? e.getMessage() : Messages.reason(e)));
                    }
                    if (verbose) {
                        (e instanceof ReportedFailure ? e.getCause() : e).printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
        // PrintStream swallows write errors (a full disk, a closed pipe): results that never arrived are a failure.
        if (System.out.checkError()) {
            System.err.println("fer: the results could not be written to standard output (a full disk, a closed "
                    + "pipe or a device error); they are lost");
            return code == 0 ? 1 : code;
        }
        return code;
    }

    /** The commands that run PyTorch in this JVM, and those of them that want one PyTorch thread. */
    private static final Set<String> ENGINE_COMMANDS =
            Set.of("train", "evaluate", "predict", "detect", "demo", "benchmark", "calibrate");

    private static final Set<String> ONE_THREAD_COMMANDS = Set.of("detect", "demo");

    /**
     * Runs the command, first running PyTorch's first convolution with its native warnings silenced
     * ({@link NativeNoise}) unless {@code --verbose} was given. The engine reads its thread settings when it
     * starts, so the commands that want one thread get it set before.
     */
    private static int quietThenRun(CommandLine.ParseResult parsed) {
        boolean verbose = false;
        CommandLine.ParseResult last = parsed;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            verbose |= p.hasMatchedOption("--verbose");
            last = p;
        }
        String name = last.commandSpec().name();
        if (!verbose
                && !last.isUsageHelpRequested()
                && !last.isVersionHelpRequested()
                && ENGINE_COMMANDS.contains(name)) {
            if (ONE_THREAD_COMMANDS.contains(name)) {
                Engines.preferOneInferenceThread();
            }
            NativeNoise.silenceFirstConvolution();
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = FerApp.class.getPackage().getImplementationVersion();
            return new String[] {
                "fer4j " + (v != null ? v : "development build"), "Java " + System.getProperty("java.version")
            };
        }
    }
}
