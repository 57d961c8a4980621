// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fer4j.core.Preprocessing;
import org.fer4j.training.TrainValidationData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fer distribution}: counts images per class in train/ and test/, with a CSV and a bar chart. */
@Command(
        name = "distribution",
        mixinStandardHelpOptions = true,
        description = "Print images per class of DIR/train and DIR/test; write class_distribution.csv/.png.")
final class DistributionCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Dataset root holding train/ and test/ (default: $FER_DATA).")
    Path data;

    @Option(
            names = "--output",
            defaultValue = ".",
            description = "Folder for the CSV and chart (default: current folder).")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (output.toString().isBlank()) {
            System.err.println("fer distribution: --output is empty: name the folder for the CSV and chart");
            return 2;
        }
        // The chart inside a class folder would be read as a face of that class by the next run.
        java.util.Optional<String> clash = new PathClashes()
                .input("--data", DataPaths.root(data), true)
                .output("--output", output, true)
                .find();
        if (clash.isPresent()) {
            System.err.println("fer distribution: " + clash.get());
            return 2;
        }
        TrainValidationData d = TrainValidationData.load(DataPaths.root(data), Preprocessing.standard());
        System.out.print(d.distributionTable());
        Files.createDirectories(output);
        d.writeDistribution(output);
        System.out.println("Wrote " + output.resolve("class_distribution.csv") + " and "
                + output.resolve("class_distribution.png"));
        return 0;
    }
}
