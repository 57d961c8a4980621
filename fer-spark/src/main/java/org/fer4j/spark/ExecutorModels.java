// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.spark;

import ai.djl.MalformedModelException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fer4j.inference.EmotionClassifier;

/**
 * One classifier per model per JVM: every task of an executor (and of the driver, in local mode) shares
 * it, so the weights are read once and not once per task. The classifier is thread-safe and pools its
 * predictors, so concurrent tasks do not wait on each other. Classifiers live until the JVM exits.
 */
final class ExecutorModels {

    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /**
     * Returns the shared classifier of {@code source}, loading it on first use. A failed load is
     * remembered, so the other tasks of this JVM fail at once with the same message instead of
     * each trying again.
     */
    static EmotionClassifier get(ModelSource source) throws MalformedModelException {
        Object held = LOADED.computeIfAbsent(source.key(), k -> {
            EngineThreads.preferOnePerTask();
            try {
                EmotionClassifier c = source.load();
                Runtime.getRuntime().addShutdownHook(new Thread(c::close));
                return c;
            } catch (MalformedModelException e) {
                return e;
            }
        });
        if (held instanceof MalformedModelException e) {
            throw new MalformedModelException(e.getMessage(), e);
        }
        return (EmotionClassifier) held;
    }
}
