// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {

    @Test
    void seedHasTheKerasParameterCountAndOutputShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block seed = Architectures.build("seed", 7);
            seed.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 48, 48));
            assertThat(parameterCount(seed)).isEqualTo(620_935L);
            assertThat(seed.getOutputShapes(new Shape[] {new Shape(5, 1, 48, 48)})[0])
                    .isEqualTo(new Shape(5, 7));
            NDArray out = seed.forward(
                            new ParameterStore(manager, false),
                            new NDList(manager.randomUniform(0, 1, new Shape(3, 1, 48, 48))),
                            false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(new Shape(3, 7));
        }
    }

    @Test
    void everyRegisteredNetworkMapsFacesToClassScores() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String name : Architectures.names()) {
                Block net = Architectures.build(name, 7);
                net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 48, 48));
                NDArray out = net.forward(
                                new ParameterStore(manager, false),
                                new NDList(manager.randomUniform(0, 1, new Shape(2, 1, 48, 48))),
                                false)
                        .singletonOrThrow();
                assertThat(out.getShape()).as(name).isEqualTo(new Shape(2, 7));
                assertThat(Architectures.describe(name))
                        .as(name)
                        .contains(String.format(Locale.ROOT, "%,d parameters", parameterCount(net)));
            }
        }
    }

    /** The gate multiplies every channel of every image by one factor in (0, 1), computed from the input. */
    @Test
    void squeezeExcitationScalesEachChannelByOneFactor() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block gate = VggNet.squeezeExcite(16);
            Shape shape = new Shape(2, 16, 6, 6);
            gate.initialize(manager, DataType.FLOAT32, shape);
            // With random weights both hidden units of the 16 -> 2 layer can be shut by the ReLU for both
            // images (about one draw in four), which makes every factor sigmoid(0) = 0.5 and the images'
            // factors equal; positive squeeze weights keep the hidden units open for positive inputs.
            int squeezeWeights = 0;
            for (Pair<String, Parameter> p : gate.getParameters()) {
                NDArray array = p.getValue().getArray();
                if (array.getShape().equals(new Shape(2, 16))) {
                    array.muli(0).addi(1f / 16);
                    squeezeWeights++;
                }
            }
            assertThat(squeezeWeights).isEqualTo(1);
            NDArray in = manager.randomUniform(0.5f, 1.5f, shape);
            NDArray out = gate.forward(new ParameterStore(manager, false), new NDList(in), false)
                    .singletonOrThrow();
            assertThat(out.getShape()).isEqualTo(shape);
            float[] ratio = out.div(in).toFloatArray();
            float[] factors = new float[2 * 16];
            for (int i = 0; i < ratio.length; i++) {
                int channel = i / 36;
                if (i % 36 == 0) {
                    factors[channel] = ratio[i];
                    assertThat(ratio[i]).isStrictlyBetween(0f, 1f);
                }
                assertThat(ratio[i]).isCloseTo(factors[channel], org.assertj.core.api.Assertions.within(1e-5f));
            }
            // The factors depend on the image: two different images do not get the same ones.
            assertThat(java.util.Arrays.copyOfRange(factors, 0, 16))
                    .isNotEqualTo(java.util.Arrays.copyOfRange(factors, 16, 32));
        }
    }

    @Test
    void unknownNamesAndTooFewClassesAreRejected() {
        assertThatThrownBy(() -> Architectures.build("alexnet", 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alexnet")
                .hasMessageContaining("seed");
        assertThatThrownBy(() -> Architectures.build("seed", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    static long parameterCount(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }
}
