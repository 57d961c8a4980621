/**
 * Training on an image folder with DJL's Trainer: the in-memory dataset, augmentation, the training
 * spec, checkpoints and resume, early stopping, history and class-distribution reports.
 */
package org.fer4j.training;
