// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned JSON form of a {@link Preprocessing} in {@code model.json}: written as version
 * {@value Preprocessing#DESCRIPTION_VERSION}, read in that version and in the unversioned form of older models.
 * Kept apart from the pixel maths so a format change cannot touch how pixels are computed.
 */
final class PreprocessingDescription {

    private static final List<Double> LUMA = List.of(0.299, 0.587, 0.114);
    private static final Map<String, Object> GREY_STEP = Map.of("op", "grey", "weights", LUMA);
    private static final Map<String, Object> RESIZE_STEP =
            Map.of("op", "resize", "size", Preprocessing.SIZE, "shrink", "area", "grow", "bilinear");
    private static final Map<String, Object> SCALE_STEP = Map.of("op", "scale", "divisor", 255);
    /** The steps every preprocessing starts with, in order. */
    private static final List<Map<String, Object>> FIXED = List.of(GREY_STEP, RESIZE_STEP, SCALE_STEP);

    private PreprocessingDescription() {}

    /** The description of a preprocessing: the version and its steps with their parameters, in order. */
    static Map<String, Object> describe(boolean equalize, double targetSharpness) {
        List<Map<String, Object>> steps = new ArrayList<>(FIXED);
        if (equalize) {
            steps.add(Map.of("op", "rankEqualize"));
        }
        if (targetSharpness > 0) {
            steps.add(Map.of("op", "sharpnessLimit", "target", targetSharpness));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("version", Preprocessing.DESCRIPTION_VERSION);
        d.put("steps", steps);
        return d;
    }

    /** Rebuilds a preprocessing from its description; see {@link Preprocessing#fromDescription(Map)}. */
    static Preprocessing parse(Map<?, ?> description) {
        Object version = description.get("version");
        if (version == null) {
            Object target = description.get("targetSharpness");
            return Preprocessing.of(
                    description.containsKey("equalize"), target instanceof Number number ? number.doubleValue() : 0);
        }
        int expected = Preprocessing.DESCRIPTION_VERSION;
        if (!(version instanceof Number number) || number.intValue() != expected || number.doubleValue() != expected) {
            throw new IllegalArgumentException(
                    "unknown preprocessing version " + version + " (this fer4j reads " + expected + ")");
        }
        if (!(description.get("steps") instanceof List)) {
            throw new IllegalArgumentException("preprocessing has no list of 'steps'");
        }
        List<?> steps = (List<?>) description.get("steps");
        for (int i = 0; i < FIXED.size(); i++) {
            if (i >= steps.size() || !sameStep(FIXED.get(i), steps.get(i))) {
                throw new IllegalArgumentException("preprocessing step " + (i + 1) + " must be " + FIXED.get(i)
                        + ", found " + (i < steps.size() ? steps.get(i) : "nothing"));
            }
        }
        boolean equalize = false;
        double target = 0;
        for (Object step : steps.subList(FIXED.size(), steps.size())) {
            Object op = step instanceof Map ? ((Map<?, ?>) step).get("op") : null;
            // The optional steps in their one order, each at most once: a sharpness limit needs equalisation first.
            if ("rankEqualize".equals(op) && ((Map<?, ?>) step).size() == 1 && !equalize) {
                equalize = true;
            } else if ("sharpnessLimit".equals(op)
                    && ((Map<?, ?>) step).get("target") instanceof Number
                    && equalize
                    && target == 0) {
                target = ((Number) ((Map<?, ?>) step).get("target")).doubleValue();
            } else {
                throw new IllegalArgumentException("unknown or misplaced preprocessing step " + step
                        + " (known after grey, resize, scale: rankEqualize, then sharpnessLimit with a target)");
            }
        }
        return Preprocessing.of(equalize, target);
    }

    /** Whether a read step equals an expected one, numbers compared by value (JSON may read 255 as 255.0). */
    private static boolean sameStep(Map<String, Object> expected, Object read) {
        if (!(read instanceof Map<?, ?> readMap) || readMap.size() != expected.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : expected.entrySet()) {
            Object other = readMap.get(e.getKey());
            if (!String.valueOf(e.getValue()).equals(String.valueOf(other))
                    && !(e.getValue() instanceof Number a
                            && other instanceof Number b
                            && a.doubleValue() == b.doubleValue())) {
                return false;
            }
        }
        return true;
    }
}
