package org.fer4j.core.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * A VGG-style network for 48x48 grey faces: stages of two 3x3 conv-BN-ReLU layers, each stage
 * followed by 2x2 max pooling (48, 24, 12, 6, 3), then global average pooling, dropout and a
 * linear classifier.
 */
final class VggNet {

    private VggNet() {
    }

    static Block build(int[] widths, int classes) {
        SequentialBlock net = new SequentialBlock();
        for (int width : widths) {
            net.add(Layers.convBnRelu(width, 1))
                    .add(Layers.convBnRelu(width, 1))
                    .add(Pool.maxPool2dBlock(new Shape(2, 2)));
        }
        return net.add(Pool.globalAvgPool2dBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.4f).build())
                .add(Linear.builder().setUnits(classes).build());
    }
}
