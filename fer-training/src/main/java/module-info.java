// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Training of the emotion networks on an image folder with DJL: {@link org.fer4j.training.FerTrainer},
 * resumable runs, history and reports.
 */
// JFreeChart has no module name of its own; its jar name gives it one.
@SuppressWarnings("requires-automatic")
module org.fer4j.training {
    requires transitive org.fer4j.inference;
    requires com.fasterxml.jackson.databind;
    requires org.jfree.jfreechart;

    exports org.fer4j.training;

    // Jackson reads and writes the saved settings, run state and teacher records by reflection.
    opens org.fer4j.training to
            com.fasterxml.jackson.databind;
}
