/**
 * What training and inference share: the emotion labels and a model's label list, the one
 * image preprocessing definition (grey, 48x48, values in [0, 1]), and the classification metrics.
 */
package org.fer4j.core;
