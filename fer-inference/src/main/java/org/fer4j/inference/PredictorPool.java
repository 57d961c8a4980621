// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.inference;

import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The DJL predictors of one model, lent one per call because a predictor is not thread-safe. It owns the
 * model: {@link #close()} waits for calls in flight, then frees the predictors and the native memory.
 * Thread-safe.
 */
final class PredictorPool implements AutoCloseable {

    private final Model model;
    private final FaceTranslator translator;
    private final int maxPredictors;
    private final LinkedBlockingDeque<Predictor<float[], float[]>> idle = new LinkedBlockingDeque<>();
    private final List<Predictor<float[], float[]>> all = new ArrayList<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile boolean closed;
    /** Calls hold it shared; close holds it alone, so it waits for the calls in flight. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    PredictorPool(Model model, FaceTranslator translator, int maxPredictors) {
        this.model = model;
        this.translator = translator;
        this.maxPredictors = maxPredictors;
    }

    /**
     * Runs one forward pass over {@code faces} with a borrowed predictor.
     *
     * @throws IllegalStateException if the pool is closed
     * @throws EngineException if the engine fails or the thread is interrupted while waiting (the cause is kept)
     */
    List<float[]> predict(List<float[]> faces) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("This EmotionClassifier is closed");
            }
            Predictor<float[], float[]> predictor = borrow();
            try {
                return predictor.batchPredict(faces);
            } catch (TranslateException e) {
                throw new EngineException("The engine failed to classify a batch of " + faces.size(), e);
            } finally {
                idle.offerFirst(predictor);
            }
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** An idle predictor, a new one while fewer than the limit exist, else the first one given back. */
    private Predictor<float[], float[]> borrow() {
        Predictor<float[], float[]> p = idle.pollFirst();
        if (p != null) {
            return p;
        }
        synchronized (all) {
            if (created.get() < maxPredictors && !closed) {
                created.incrementAndGet();
                Predictor<float[], float[]> fresh = model.newPredictor(translator);
                all.add(fresh);
                return fresh;
            }
        }
        try {
            return idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while waiting for a free predictor", e);
        }
    }

    /** Waits for calls in flight, then closes the predictors and the model; closing twice does nothing. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (all) {
                all.forEach(Predictor::close);
                all.clear();
            }
            idle.clear();
            model.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
