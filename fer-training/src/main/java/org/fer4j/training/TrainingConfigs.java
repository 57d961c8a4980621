package org.fer4j.training;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;

/**
 * The DJL training configuration of {@code fer train}, for code that runs its own loop over a fer4j
 * network, such as a throughput benchmark: the same loss and optimiser, on the CPU.
 *
 * <pre>{@code
 * Block block = Architectures.build("seed", 7);
 * model.setBlock(block);
 * Trainer trainer = model.newTrainer(TrainingConfigs.of(TrainingSpec.builder().build(), block, 7));
 * }</pre>
 */
public final class TrainingConfigs {

    private TrainingConfigs() {
    }

    /**
     * Returns fer train's loss (cross-entropy with the spec's label smoothing) and optimiser (the spec's kind
     * and weight decay, at its base learning rate without warm-up or schedule) for the parameters of
     * {@code block}.
     *
     * @param spec the settings whose loss and optimiser to use
     * @param block the network the optimiser will update, before the trainer is initialised
     * @param classes the number of classes the network outputs
     * @return a new configuration, one per trainer (the optimiser keeps per-parameter state)
     */
    public static DefaultTrainingConfig of(TrainingSpec spec, Block block, int classes) {
        float rate = spec.learningRate();
        return new DefaultTrainingConfig(new CrossEntropy(classes, spec.labelSmoothing(), spec.distillation()))
                .optOptimizer(new CheckpointedOptimizer(spec.optimizer(), spec.weightDecay(), step -> rate, block))
                .optDevices(new Device[] {Device.cpu()});
    }
}
