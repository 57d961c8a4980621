// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * A VGG-style network for 48x48 grey faces: optional 2x2 average pooling of the input, stages of 3x3
 * conv-BN-ReLU layers, each stage followed by 2x2 max pooling, then flatten, a dense layer with
 * BatchNorm, ReLU and dropout, and the classifier.
 *
 * <p>Pooling the input first suits faces with little detail above a quarter of the sampling rate (the
 * sharpness-normalised faces of {@code Preprocessing}): it loses almost nothing and makes every
 * convolution four times cheaper, which buys depth and width on a CPU.
 *
 * <p>Optionally each stage ends with a squeeze-and-excitation gate (Hu et al., 2018), which rescales the
 * stage's channels by weights computed from their means: a few thousand multiply-adds on top of millions.
 */
final class VggNet {

    private VggNet() {}

    /**
     * Builds the network.
     *
     * @param halveInput whether to average-pool the 48x48 input to 24x24 first
     * @param stages the filter counts of each stage's convolutions, for example {@code {{32}, {64, 64}}}
     * @param dense units of the hidden dense layer
     * @param classes output classes
     * @param squeezeExcite whether each stage ends with a squeeze-and-excitation gate
     */
    static Block build(boolean halveInput, int[][] stages, int dense, int classes, boolean squeezeExcite) {
        SequentialBlock net = new SequentialBlock();
        if (halveInput) {
            net.add(Pool.avgPool2dBlock(new Shape(2, 2)));
        }
        for (int[] stage : stages) {
            for (int filters : stage) {
                net.add(Layers.convBnRelu(filters, 1));
            }
            if (squeezeExcite) {
                net.add(squeezeExcite(stage[stage.length - 1]));
            }
            net.add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        return net.add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(dense).optBias(false).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    /**
     * A squeeze-and-excitation gate for {@code channels} channels: global average pooling, a dense layer an
     * eighth as wide with ReLU, a dense layer back to {@code channels} with a sigmoid, and the input's
     * channels multiplied by the result.
     */
    static Block squeezeExcite(int channels) {
        SequentialBlock gate = new SequentialBlock()
                .add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(channels / 8).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(channels).build())
                .add(Activation.sigmoidBlock());
        return new ParallelBlock(
                list -> new NDList(list.get(0)
                        .singletonOrThrow()
                        .mul(list.get(1).singletonOrThrow().expandDims(2).expandDims(3))),
                List.of(Blocks.identityBlock(), gate));
    }
}
