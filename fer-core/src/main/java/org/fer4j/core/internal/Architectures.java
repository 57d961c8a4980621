// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import ai.djl.nn.Block;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The registry of network architectures by name, so training and inference rebuild the same
 * {@link Block} from the name saved in a model's {@code model.json}.
 *
 * <p>Every network takes a batch of shape (N, 1, 48, 48) and returns unnormalised scores (logits)
 * of shape (N, classes).
 */
public final class Architectures {

    private static final Map<String, Entry> REGISTRY = new LinkedHashMap<>();

    static {
        register("seed", "the seed CNN: 3 conv blocks (32/64/128), dense 256; 620,935 parameters", SeedCnn::build);
        register(
                "vgg-b",
                "VGG-style, conv 32 | 64,64 | 128,128 | 256 with pooling, dense 256; 1,167,015 parameters",
                classes -> VggNet.build(false, new int[][] {{32}, {64, 64}, {128, 128}, {256}}, 256, classes, false));
        register(
                "vgg-c",
                "VGG-style, conv 32 | 64 | 128,128 | 256 with pooling, dense 256; 1,129,895 parameters",
                classes -> VggNet.build(false, new int[][] {{32}, {64}, {128, 128}, {256}}, 256, classes, false));
        register(
                "vgg-24",
                "VGG-style at 24x24: 2x2 average pooling, conv 64,64 | 128,128 | 256,256 with pooling, dense 256; 1,739,591 parameters",
                classes -> VggNet.build(true, new int[][] {{64, 64}, {128, 128}, {256, 256}}, 256, classes, false));
        register(
                "vgg-24s",
                "VGG-style at 24x24, narrow: 2x2 average pooling, conv 32,32 | 64,64 | 128,128 with pooling, dense 256; 585,511 parameters",
                classes -> VggNet.build(true, new int[][] {{32, 32}, {64, 64}, {128, 128}}, 256, classes, false));
        register(
                "vgg-48",
                "VGG-style at full 48x48 resolution, conv 32,32 | 64,64 | 128,128 | 256,256 with pooling, dense 256; 1,767,207 parameters",
                classes -> VggNet.build(
                        false, new int[][] {{32, 32}, {64, 64}, {128, 128}, {256, 256}}, 256, classes, false));
        register(
                "vgg-48-se",
                "vgg-48 with a squeeze-and-excitation gate after each stage; 1,789,507 parameters",
                classes -> VggNet.build(
                        false, new int[][] {{32, 32}, {64, 64}, {128, 128}, {256, 256}}, 256, classes, true));
        register(
                "resnet-s",
                "ResNet-style, stem 32, 4 stages of 2 basic blocks (32/64/128/256); 2,801,063 parameters",
                classes -> ResNet.build(new int[] {32, 64, 128, 256}, classes));
    }

    private Architectures() {}

    private static void register(String name, String description, IntFunction<Block> factory) {
        REGISTRY.put(name, new Entry(description, factory));
    }

    /**
     * Builds a new, uninitialised network.
     *
     * @param name a registered architecture name (see {@link #names()})
     * @param classes the number of output classes
     * @return the network block, not yet initialised
     * @throws IllegalArgumentException if the name is unknown or {@code classes < 2}
     */
    public static Block build(String name, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("A classifier needs at least 2 classes, got " + classes);
        }
        return entry(name).factory.apply(classes);
    }

    /**
     * Returns the registered names in registration order.
     *
     * @return the architecture names
     */
    public static Set<String> names() {
        return Collections.unmodifiableSet(REGISTRY.keySet());
    }

    /**
     * Returns a one-line description of an architecture.
     *
     * @param name a registered architecture name
     * @return the description
     * @throws IllegalArgumentException if the name is unknown
     */
    public static String describe(String name) {
        return entry(name).description;
    }

    private static Entry entry(String name) {
        Entry e = REGISTRY.get(name);
        if (e == null) {
            throw new IllegalArgumentException("Unknown architecture '" + name + "'; known: " + REGISTRY.keySet());
        }
        return e;
    }

    private static final class Entry {
        final String description;
        final IntFunction<Block> factory;

        Entry(String description, IntFunction<Block> factory) {
            this.description = description;
            this.factory = factory;
        }
    }
}
