/**
 * What training and inference share: the emotion labels and a model's label list, and the one
 * image preprocessing definition (grey, 48x48, values in [0, 1]).
 */
package org.fer4j.core;
