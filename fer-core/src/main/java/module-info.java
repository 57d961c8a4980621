// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
/**
 * What training and inference share: emotion labels, the one image preprocessing, model descriptions,
 * classification metrics and the networks as DJL blocks. {@code org.fer4j.core.internal} holds the
 * file, decoding and weight-file helpers the other fer4j modules share; it is not API.
 */
// The qualified exports name modules built after this one ("module"); DJL and TwelveMonkeys name their
// automatic modules in their manifests ("requires-automatic", "requires-transitive-automatic").
@SuppressWarnings({"module", "requires-automatic", "requires-transitive-automatic"})
module org.fer4j.core {
    requires transitive ai.djl.api;
    requires transitive java.desktop;
    requires com.fasterxml.jackson.databind;
    requires com.twelvemonkeys.imageio.metadata;

    exports org.fer4j.core;
    exports org.fer4j.core.nn;
    exports org.fer4j.core.internal to
            org.fer4j.inference,
            org.fer4j.training,
            org.fer4j.camera;

    // Jackson reads and writes model.json and the saved settings by reflection.
    opens org.fer4j.core to
            com.fasterxml.jackson.databind;
}
