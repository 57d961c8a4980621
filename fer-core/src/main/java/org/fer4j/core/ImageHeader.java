package org.fer4j.core;

/**
 * What the header of an encoded image says, read before any pixel is decoded: its format, its stored size
 * and its EXIF orientation. Immutable.
 *
 * @param format the format, one of {@link ImageDecoding#FORMATS} ({@code "jpeg"}, {@code "png"}, ...)
 * @param width the stored width in pixels, before the orientation is applied
 * @param height the stored height in pixels, before the orientation is applied
 * @param orientation the EXIF orientation, 1 (upright, also when there is none) to 8
 */
public record ImageHeader(String format, int width, int height, int orientation) {

    /**
     * Checks the fields.
     *
     * @param format see the record description
     * @param width see the record description
     * @param height see the record description
     * @param orientation see the record description
     * @throws IllegalArgumentException if a size is not positive or the orientation is not 1 to 8
     */
    public ImageHeader {
        if (width <= 0 || height <= 0 || orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("Bad image header: " + format + " " + width + "x" + height
                    + ", orientation " + orientation);
        }
    }

    /**
     * Returns the number of pixels, the figure the pixel limit is checked against.
     *
     * @return width times height
     */
    public long pixels() {
        return (long) width * height;
    }

    /**
     * Returns whether the orientation turns the image a quarter turn, so upright it is {@code height} wide.
     *
     * @return whether width and height swap when the orientation is applied
     */
    public boolean swapsSides() {
        return orientation >= 5;
    }
}
