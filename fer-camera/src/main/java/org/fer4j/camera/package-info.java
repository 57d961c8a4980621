/**
 * An embeddable capture, face detection and emotion loop on JavaCV: {@link org.fer4j.camera.EmotionCamera}
 * reads a camera, video, stream, image or image folder ({@link org.fer4j.camera.VideoSource}), finds faces
 * with a {@link org.fer4j.camera.FaceDetector}, classifies them with an
 * {@link org.fer4j.inference.EmotionClassifier} and hands each {@link org.fer4j.camera.FrameResult} to a
 * listener and to {@link org.fer4j.camera.Sinks sinks} (annotated video or images, JSON lines, a summary).
 *
 * <p>There is no window here: showing frames belongs to the app, which gets the annotated picture from
 * {@link org.fer4j.camera.CapturedFrame}.
 */
package org.fer4j.camera;
