/**
 * Faces and their expressions in photos, videos and cameras, on JavaCV. {@link org.fer4j.camera.FaceAnalyzer}
 * finds and classifies every face of one photo; {@link org.fer4j.camera.EmotionCamera} is the embeddable
 * capture loop, reading a camera, video, stream, image or image folder ({@link org.fer4j.camera.VideoSource})
 * and handing each {@link org.fer4j.camera.FrameResult} to a listener and to
 * {@link org.fer4j.camera.FrameSink sinks} (annotated video or images, JSON lines, a summary). Both find faces with
 * a {@link org.fer4j.camera.FaceDetector} ({@link org.fer4j.camera.YuNetFaceDetector} by default, boxes,
 * scores and five landmarks), turn each face upright
 * and crop it like a FER-2013 face, and classify it with an {@link org.fer4j.inference.EmotionClassifier}.
 * {@code fer evaluate --detect} scores that whole path on labelled photos.
 *
 * <p>Three face types, one per stage: a {@link org.fer4j.camera.FaceDetection} is what a detector found (box,
 * score, landmarks); an {@link org.fer4j.camera.AnalyzedFace} is a face of one photo with its emotion; a
 * {@link org.fer4j.camera.TrackedFace} is a face of a video frame with its emotion and the track that follows
 * it across frames.
 *
 * <p>There is no window here: showing frames belongs to the app, which gets the annotated picture from
 * {@link org.fer4j.camera.CapturedFrame}.
 */
package org.fer4j.camera;
