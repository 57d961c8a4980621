// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Small building blocks shared by the architectures. */
final class Layers {

    private Layers() {}

    /** A 3x3 'same' convolution without bias, then BatchNorm and ReLU. */
    static SequentialBlock convBnRelu(int filters, int stride) {
        return new SequentialBlock()
                .add(conv3x3(filters, stride))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /** A 3x3 'same' convolution without bias (BatchNorm follows, so a bias would be redundant). */
    static Conv2d conv3x3(int filters, int stride) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .optStride(new Shape(stride, stride))
                .optBias(false)
                .setFilters(filters)
                .build();
    }
}
