// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.training;

import org.fer4j.core.Preprocessing;

/**
 * Builds a {@link TrainingSpec}: every setting is optional, and {@link #build()} checks the values. The
 * field initialisers below are the defaults of the library and of {@code fer train} alike.
 */
public final class TrainingSpecBuilder {
    private String architecture = "seed";
    private int epochs = 100;
    private int batchSize = 64;
    private long seed = 42;
    private int patience = 0;
    private TrainingSpec.Monitor monitor = TrainingSpec.Monitor.VAL_LOSS;
    private TrainingSpec.Optimizer optimizer = TrainingSpec.Optimizer.ADAM;
    private float learningRate = 0.001f;
    private float weightDecay = 0f;
    private TrainingSpec.Schedule schedule = TrainingSpec.Schedule.CONSTANT;
    private int warmupEpochs = 0;
    private float labelSmoothing = 0f;
    private boolean classWeights = false;
    private Augmentation augmentation = Augmentation.NONE;
    private Preprocessing preprocessing = TrainingSpec.DEFAULT_PREPROCESSING;
    private Distillation distillation = Distillation.NONE;
    private float averageDecay;
    private float mixupAlpha;
    private float cutmixAlpha;

    TrainingSpecBuilder() {}

    /**
     * Sets the architecture by registry name (default {@code seed}).
     * @param name a registered architecture name
     * @return this builder
     */
    public TrainingSpecBuilder optArchitecture(String name) {
        this.architecture = name;
        return this;
    }

    /**
     * Sets the maximum number of epochs, at least 1 (default 100).
     * @param epochs the maximum number of epochs
     * @return this builder
     */
    public TrainingSpecBuilder optEpochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    /**
     * Sets the batch size, at least 1 (default 64).
     * @param batchSize the images per batch
     * @return this builder
     */
    public TrainingSpecBuilder optBatchSize(int batchSize) {
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Sets the random seed (default 42).
     * @param seed the random seed
     * @return this builder
     */
    public TrainingSpecBuilder optSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Stops after this many epochs without improvement of the monitored metric; 0, the default, turns it off.
     * @param patience the patience in epochs, 0 or more
     * @return this builder
     */
    public TrainingSpecBuilder optPatience(int patience) {
        this.patience = patience;
        return this;
    }

    /**
     * Sets the metric that early stopping and best-epoch selection watch (default validation loss).
     * @param monitor the monitored metric
     * @return this builder
     */
    public TrainingSpecBuilder optMonitor(TrainingSpec.Monitor monitor) {
        this.monitor = monitor;
        return this;
    }

    /**
     * Sets the optimiser (default Adam).
     * @param optimizer the optimiser
     * @return this builder
     */
    public TrainingSpecBuilder optOptimizer(TrainingSpec.Optimizer optimizer) {
        this.optimizer = optimizer;
        return this;
    }

    /**
     * Sets the base learning rate, positive (default 0.001).
     * @param rate the base learning rate
     * @return this builder
     */
    public TrainingSpecBuilder optLearningRate(float rate) {
        this.learningRate = rate;
        return this;
    }

    /**
     * Sets the weight decay, 0 or more (default 0).
     * @param decay the weight decay
     * @return this builder
     */
    public TrainingSpecBuilder optWeightDecay(float decay) {
        this.weightDecay = decay;
        return this;
    }

    /**
     * Sets the learning-rate schedule (default constant).
     * @param schedule the learning-rate schedule
     * @return this builder
     */
    public TrainingSpecBuilder optSchedule(TrainingSpec.Schedule schedule) {
        this.schedule = schedule;
        return this;
    }

    /**
     * Sets the number of linear warm-up epochs, 0 or more (default 0).
     * @param epochs the number of warm-up epochs
     * @return this builder
     */
    public TrainingSpecBuilder optWarmupEpochs(int epochs) {
        this.warmupEpochs = epochs;
        return this;
    }

    /**
     * Sets label smoothing in [0, 0.5) (default 0).
     * @param smoothing the label-smoothing factor
     * @return this builder
     */
    public TrainingSpecBuilder optLabelSmoothing(float smoothing) {
        this.labelSmoothing = smoothing;
        return this;
    }

    /**
     * Weights the training loss by inverse class frequency, for imbalanced data (default off).
     * @param classWeights whether to weight classes by inverse frequency
     * @return this builder
     */
    public TrainingSpecBuilder optClassWeights(boolean classWeights) {
        this.classWeights = classWeights;
        return this;
    }

    /**
     * Sets the training-time augmentation (default none).
     * @param augmentation the training-time augmentation
     * @return this builder
     */
    public TrainingSpecBuilder optAugmentation(Augmentation augmentation) {
        this.augmentation = augmentation;
        return this;
    }

    /**
     * Sets the preprocessing of training and validation images and of the trained model (default
     * {@link TrainingSpec#DEFAULT_PREPROCESSING}).
     * @param preprocessing the preprocessing
     * @return this builder
     */
    public TrainingSpecBuilder optPreprocessing(Preprocessing preprocessing) {
        this.preprocessing = preprocessing;
        return this;
    }

    /**
     * Sets the teachers and settings of knowledge distillation (default {@link Distillation#NONE}).
     * @param distillation the distillation settings
     * @return this builder
     */
    public TrainingSpecBuilder optDistillation(Distillation distillation) {
        this.distillation = distillation;
        return this;
    }

    /**
     * Keeps an exponential moving average of the weights with this decay per step, and validates, keeps and
     * ships the average instead of the last step's weights (default 0, none). 0.999 averages over about the
     * last thousand steps.
     * @param averageDecay the decay, in (0, 1), or 0 for none
     * @return this builder
     */
    public TrainingSpecBuilder optAverageDecay(float averageDecay) {
        this.averageDecay = averageDecay;
        return this;
    }

    /**
     * Sets mixup: each batch's images are blended in pairs with a share drawn from Beta(alpha, alpha), and so
     * are their targets (default 0, none; 0.2 to 0.4 are usual).
     * @param alpha the Beta parameter, 0 for none
     * @return this builder
     */
    public TrainingSpecBuilder optMixup(float alpha) {
        this.mixupAlpha = alpha;
        return this;
    }

    /**
     * Sets CutMix: a rectangle of each batch's images is replaced by the same rectangle of a partner, its area
     * drawn from Beta(alpha, alpha), and the targets are mixed by area (default 0, none; 1 is usual).
     * @param alpha the Beta parameter, 0 for none
     * @return this builder
     */
    public TrainingSpecBuilder optCutmix(float alpha) {
        this.cutmixAlpha = alpha;
        return this;
    }

    /**
     * Returns the spec.
     *
     * @return the spec
     * @throws IllegalArgumentException if a value is invalid
     */
    public TrainingSpec build() {
        return new TrainingSpec(
                architecture,
                epochs,
                batchSize,
                seed,
                patience,
                monitor,
                optimizer,
                learningRate,
                weightDecay,
                schedule,
                warmupEpochs,
                labelSmoothing,
                classWeights,
                augmentation,
                preprocessing,
                distillation,
                averageDecay,
                mixupAlpha,
                cutmixAlpha);
    }
}
