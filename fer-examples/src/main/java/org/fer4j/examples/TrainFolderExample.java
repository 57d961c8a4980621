// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.examples;

import java.nio.file.Path;
import org.fer4j.training.FerTrainer;
import org.fer4j.training.TrainingProgress;
import org.fer4j.training.TrainingResult;
import org.fer4j.training.TrainingSpec;

/** Example: train the seed network for a few epochs on a dataset root with {@code train/} and {@code test/}. */
public final class TrainFolderExample {

    private TrainFolderExample() {}

    /**
     * Usage: {@code TrainFolderExample DATA_ROOT OUTPUT_DIR [EPOCHS]}.
     *
     * @param args the dataset root, the output folder and optionally the epochs
     * @throws Exception if the data cannot be read or the outputs written
     */
    public static void main(String[] args) throws Exception {
        TrainingResult r = run(args);
        System.out.println(
                "validation accuracy (test/ chose the epoch) " + r.validationAccuracy() + "; " + r.diagnosis());
    }

    /**
     * Trains on {@code args[0]} into {@code args[1]} for {@code args[2]} epochs (default 5).
     *
     * @param args the dataset root, the output folder and optionally the epochs
     * @return the training result
     * @throws Exception if the data cannot be read or the outputs written
     */
    public static TrainingResult run(String[] args) throws Exception {
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        TrainingSpec spec =
                TrainingSpec.builder().optArchitecture("seed").optEpochs(epochs).build();
        return new FerTrainer().train(spec, Path.of(args[0]), Path.of(args[1]), TrainingProgress.NONE);
    }
}
