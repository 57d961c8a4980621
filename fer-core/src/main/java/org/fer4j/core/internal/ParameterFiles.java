// SPDX-FileCopyrightText: 2026 the fer4j authors
// SPDX-License-Identifier: Apache-2.0
package org.fer4j.core.internal;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Reads and writes a network's weights ({@code model.params}, training checkpoints): the one home of the
 * parameter-file format, so training and inference cannot drift apart.
 *
 * <p>fer4j writes a block's parameters as {@link Block#saveParameters} does, without the header that DJL's
 * {@code BaseModel.save} puts in front. Reading accepts both, so a file saved the DJL way loads too.
 */
public final class ParameterFiles {

    /** The first bytes of a parameter file written by DJL's {@code BaseModel.save}. */
    private static final byte[] DJL_MAGIC = "DJL@".getBytes(StandardCharsets.US_ASCII);
    /** The only header version DJL 0.32 writes. */
    private static final int DJL_HEADER_VERSION = 1;

    private ParameterFiles() {}

    /**
     * Reads weights into {@code block}, whose structure must match the file's; the stream is not closed.
     *
     * @param block the network, initialised or freshly built
     * @param manager the manager that will own the weights
     * @param in the parameter file's bytes, with or without DJL's header
     * @throws IOException if the stream cannot be read or has an unknown DJL header version
     * @throws MalformedModelException if the file does not hold parameters of this network
     */
    public static void read(Block block, NDManager manager, InputStream in)
            throws IOException, MalformedModelException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        data.mark(DJL_MAGIC.length);
        byte[] start = data.readNBytes(DJL_MAGIC.length);
        if (Arrays.equals(start, DJL_MAGIC)) {
            skipDjlHeader(data);
        } else {
            // fer4j's own files start with the block's version byte, never with "DJL@".
            data.reset();
        }
        block.loadParameters(manager, data);
    }

    /**
     * Reads a parameter file into {@code block}; see {@link #read(Block, NDManager, InputStream)}.
     *
     * @param block the network
     * @param manager the manager that will own the weights
     * @param file the parameter file
     * @throws IOException if the file cannot be read or does not hold parameters of this network; the
     *     message starts with the file
     */
    public static void read(Block block, NDManager manager, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            read(block, manager, in);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            throw new IOException(
                    file + ": not parameters of this network ("
                            + (e.getMessage() != null
                                    ? e.getMessage()
                                    : e.getClass().getSimpleName()) + ")",
                    e);
        }
    }

    /**
     * Writes an initialised block's weights in fer4j's format (no DJL header), through a temporary sibling
     * renamed into place so a crash never leaves a truncated file.
     *
     * @param block the initialised network
     * @param file the file to write or replace
     * @throws IOException if the file cannot be written
     */
    public static void write(Block block, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp);
                DataOutputStream dos = new DataOutputStream(new BufferedOutputStream(os))) {
            block.saveParameters(dos);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Skips what {@code BaseModel.save} writes after the magic: version, name, data type, inputs, properties. */
    private static void skipDjlHeader(DataInputStream data) throws IOException {
        int version = data.readInt();
        if (version != DJL_HEADER_VERSION) {
            throw new IOException("DJL parameter file version " + version + " is not supported (expected "
                    + DJL_HEADER_VERSION + ")");
        }
        data.readUTF(); // model name
        data.readUTF(); // data type: the block's own parameters say theirs
        int inputs = data.readInt();
        for (int i = 0; i < inputs; i++) {
            data.readUTF();
            Shape.decode(data);
        }
        int properties = data.readInt();
        for (int i = 0; i < properties; i++) {
            data.readUTF();
            data.readUTF();
        }
    }
}
