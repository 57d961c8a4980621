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
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;

/**
 * A ResNet-style network for 48x48 grey faces: a 3x3 stem, stages of two basic residual blocks
 * (the first block of every stage after the first halves the resolution: 48, 24, 12, 6), global
 * average pooling, dropout and a linear classifier.
 */
final class ResNet {

    private ResNet() {}

    static Block build(int[] widths, int classes) {
        SequentialBlock net = new SequentialBlock().add(Layers.convBnRelu(widths[0], 1));
        int in = widths[0];
        for (int s = 0; s < widths.length; s++) {
            int stride = s == 0 ? 1 : 2;
            net.add(basicBlock(in, widths[s], stride)).add(basicBlock(widths[s], widths[s], 1));
            in = widths[s];
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static Block basicBlock(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(Layers.convBnRelu(out, stride))
                .add(Layers.conv3x3(out, 1))
                .add(BatchNorm.builder().build());
        Block shortcut;
        if (stride == 1 && in == out) {
            shortcut = Blocks.identityBlock();
        } else {
            shortcut = new SequentialBlock()
                    .add(Conv2d.builder()
                            .setKernelShape(new Shape(1, 1))
                            .optStride(new Shape(stride, stride))
                            .optBias(false)
                            .setFilters(out)
                            .build())
                    .add(BatchNorm.builder().build());
        }
        return new SequentialBlock()
                .add(new ParallelBlock(
                        list -> new NDList(
                                list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                        Arrays.asList(main, shortcut)))
                .add(Activation.reluBlock());
    }
}
