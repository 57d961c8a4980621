/**
 * The API other apps embed: {@link org.fer4j.inference.EmotionClassifier} loads a model and
 * classifies faces; evaluation reports measure a model on a labelled image folder.
 */
package org.fer4j.inference;
