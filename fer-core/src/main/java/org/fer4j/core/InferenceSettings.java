// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a model is meant to be run, as chosen and measured on its validation split: the inference section of
 * its {@code model.json} ({@link ModelInfo#inference()}). Models without the section run single-pass on
 * whole inputs.
 *
 * @param testTimeAugmentation the views of a face whose probabilities are averaged, written by its
 *     {@link TestTimeAugmentation#id()} ({@code none}, {@code flip}, {@code ten-crop}); null for none
 * @param validationAccuracy the accuracy measured with those views on the validation split, or null
 * @param temperature the temperature that calibrates the averaged probabilities (temperature scaling),
 *     fitted on the validation split; null for none (1)
 * @param centreCrop the side of the central square of each 48x48 input that is scaled back to 48x48
 *     and classified, chosen on the validation split (see {@link TestTimeAugmentation#views(float[], int)});
 *     null for the whole input
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceSettings(
        TestTimeAugmentation testTimeAugmentation, Double validationAccuracy, Double temperature, Integer centreCrop) {

    /**
     * Checks the temperature and the centre crop.
     *
     * @param testTimeAugmentation see the record description
     * @param validationAccuracy see the record description
     * @param temperature see the record description
     * @param centreCrop see the record description
     * @throws IllegalArgumentException if the temperature is not positive and finite, or the centre crop
     *     is not a side {@link TestTimeAugmentation#checkCentreCrop} accepts
     */
    public InferenceSettings {
        if (temperature != null && !(temperature > 0 && !temperature.isInfinite())) {
            throw new IllegalArgumentException("inference temperature must be positive, got " + temperature);
        }
        if (centreCrop != null) {
            TestTimeAugmentation.checkCentreCrop(centreCrop);
        }
    }

    /**
     * Describes inference without a calibration temperature, on whole inputs.
     *
     * @param testTimeAugmentation see the record description
     * @param validationAccuracy see the record description
     */
    public InferenceSettings(TestTimeAugmentation testTimeAugmentation, Double validationAccuracy) {
        this(testTimeAugmentation, validationAccuracy, null, null);
    }

    /**
     * Describes inference on whole inputs.
     *
     * @param testTimeAugmentation see the record description
     * @param validationAccuracy see the record description
     * @param temperature see the record description
     */
    public InferenceSettings(TestTimeAugmentation testTimeAugmentation, Double validationAccuracy, Double temperature) {
        this(testTimeAugmentation, validationAccuracy, temperature, null);
    }

    /**
     * Returns the side of the central square that is classified, {@link Preprocessing#SIZE} (the whole
     * input) when none is recorded.
     *
     * @return the centre crop's side in pixels
     */
    public int centreCropOrWhole() {
        return centreCrop == null ? Preprocessing.SIZE : centreCrop;
    }

    /**
     * Returns the calibration temperature, 1 when none is recorded.
     *
     * @return the temperature
     */
    public double temperatureOrOne() {
        return temperature == null ? 1 : temperature;
    }
}
