// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import org.fer4j.core.Preprocessing;

/**
 * The arithmetic a network costs per image, read from the network definition: the multiply-adds of its
 * convolutions and dense layers (normalisation, activations and pooling are a few percent of those and
 * are not counted). Benchmarks divide measured throughput by it to report GFLOP/s.
 */
public final class NetworkCost {

    private NetworkCost() {}

    /**
     * Returns the multiply-adds of one forward pass of one 1x48x48 image through a named architecture.
     *
     * @param architecture a name of {@link Architectures}
     * @param classes the number of output classes
     * @return the multiply-adds per image
     */
    public static long multiplyAdds(String architecture, int classes) {
        Block block = Architectures.build(architecture, classes);
        Shape input = Preprocessing.inputShape(1);
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, input);
            return multiplyAdds(block, input);
        }
    }

    /**
     * Returns the multiply-adds of one forward pass of an initialised block on inputs of one image.
     *
     * @param block an initialised block built from sequential, parallel, convolution and dense blocks
     * @param input the shape of one input, batch size 1
     * @return the multiply-adds
     */
    public static long multiplyAdds(Block block, Shape input) {
        return walk(block, new Shape[] {input});
    }

    private static long walk(Block block, Shape[] in) {
        if (block instanceof SequentialBlock) {
            long sum = 0;
            Shape[] shapes = in;
            for (Block child : block.getChildren().values()) {
                sum += walk(child, shapes);
                shapes = child.getOutputShapes(shapes);
            }
            return sum;
        }
        if (block instanceof ParallelBlock) {
            long sum = 0;
            for (Block child : block.getChildren().values()) {
                sum += walk(child, in);
            }
            return sum;
        }
        if (block instanceof Convolution || block instanceof Linear) {
            // Every output value costs one multiply-add per weight that feeds it: the weight count over the
            // output channels (in/groups x kernel for a convolution, the input width for a dense layer).
            Shape weight = weightShape(block);
            long perOutput = weight.size() / weight.get(0);
            return block.getOutputShapes(in)[0].size() * perOutput;
        }
        long sum = 0;
        for (Block child : block.getChildren().values()) {
            sum += walk(child, in);
        }
        return sum;
    }

    private static Shape weightShape(Block block) {
        for (Parameter p : block.getParameters().values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                return p.getArray().getShape();
            }
        }
        throw new IllegalStateException(block + " has no weight parameter");
    }
}
