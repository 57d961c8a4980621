// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The seed project's CNN, layer for layer: three blocks of 3x3 'valid' convolution (32, 64, 128
 * filters), BatchNorm, ReLU, 2x2 max pooling and dropout 0.25; then flatten, dense 256 with
 * BatchNorm, ReLU and dropout 0.5, and a dense output layer.
 *
 * <p>With 7 classes it has 620,935 parameters counted as Keras counts them (BatchNorm moving
 * statistics included). BatchNorm uses Keras' defaults (momentum 0.99, epsilon 0.001).
 */
final class SeedCnn {

    private SeedCnn() {}

    static Block build(int classes) {
        SequentialBlock net = new SequentialBlock();
        for (int filters : new int[] {32, 64, 128}) {
            net.add(Conv2d.builder()
                            .setKernelShape(new Shape(3, 3))
                            .setFilters(filters)
                            .build())
                    .add(kerasBatchNorm())
                    .add(Activation.reluBlock())
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                    .add(Dropout.builder().optRate(0.25f).build());
        }
        return net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build())
                .add(kerasBatchNorm())
                .add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(classes).build());
    }

    private static BatchNorm kerasBatchNorm() {
        return BatchNorm.builder().optMomentum(0.99f).optEpsilon(0.001f).build();
    }
}
