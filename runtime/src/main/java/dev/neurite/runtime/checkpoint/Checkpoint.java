package dev.neurite.runtime.checkpoint;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.neurite.runtime.backend.Backend;
import dev.neurite.runtime.backend.Buffer;
import dev.neurite.runtime.io.AtomicFiles;
import dev.neurite.runtime.model.Model;
import dev.neurite.runtime.model.ModelInfo;
import dev.neurite.runtime.model.ParameterTensor;
import dev.neurite.runtime.optim.Optimizer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Saves and restores a model's parameters and optimizer state in the
 * <a href="https://huggingface.co/docs/safetensors">safetensors</a> format: an 8-byte little-endian header
 * length, a JSON header ({@code {"dense1.weight": {"dtype": "F32", "shape": [512, 784], "data_offsets":
 * [begin, end]}, ..., "__metadata__": {...}}}, offsets relative to the end of the header), then the raw
 * little-endian floats. Any safetensors reader (PyTorch's {@code safetensors.torch.load_file}) opens the files.
 *
 * <p>Tensors: every {@link ModelInfo#parameters() parameter} under its own name, then every optimizer state
 * buffer split the same way as {@code optimizer.<state>.<parameter>} (for example
 * {@code optimizer.exp_avg.dense1.weight}). Metadata (strings): {@value #MODEL}, {@value #SOURCE_HASH},
 * {@value #OPTIMIZER}, {@value #OPTIMIZER_STEPS}, {@value #FORMAT_VERSION}, plus what the caller adds (the
 * trainer adds {@value #EPOCH}, {@value #GLOBAL_STEP}, {@value #SEED}).
 *
 * <p>Saving is atomic: the file is written under a temporary name in the same directory (starting with a dot and
 * ending in {@code .tmp}, never {@code .safetensors}), forced to disk, then renamed over the target, so a process
 * killed at any moment leaves either the previous checkpoint or the new one, never a truncated file.
 */
public final class Checkpoint {

    public static final String MODEL = "model";
    public static final String SOURCE_HASH = "source_hash";
    public static final String OPTIMIZER = "optimizer";
    public static final String OPTIMIZER_STEPS = "optimizer_steps";
    public static final String FORMAT_VERSION = "neurite_format_version";
    public static final String EPOCH = "epoch";
    public static final String GLOBAL_STEP = "global_step";
    public static final String SEED = "seed";

    /** The version of the tensor naming and metadata written here. */
    public static final String CURRENT_FORMAT = "1";

    private static final String METADATA_KEY = "__metadata__";
    /** Far above any real header (one line per tensor), low enough that garbage lengths are caught. */
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final int CHUNK_FLOATS = 1 << 18;

    private Checkpoint() {
    }

    /**
     * Writes {@code model}'s parameters, optimizer state and metadata to {@code file}, atomically.
     *
     * @param extraMetadata added to the standard metadata (and overriding it on equal keys)
     */
    public static void save(Path file, Model model, Map<String, String> extraMetadata) {
        List<Tensor> tensors = tensorsOf(model);
        Map<String, String> metadata = new TreeMap<>();
        ModelInfo info = model.info();
        metadata.put(MODEL, info.name());
        metadata.put(SOURCE_HASH, info.sourceHash());
        metadata.put(OPTIMIZER, optimizerName(model.optimizer()));
        metadata.put(OPTIMIZER_STEPS, Long.toString(model.optimizer().steps()));
        metadata.put(FORMAT_VERSION, CURRENT_FORMAT);
        metadata.putAll(extraMetadata);
        byte[] header = header(tensors, metadata);

        try {
            AtomicFiles.write(file, temp -> {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
                    writeFully(out, ByteBuffer.wrap(header));
                    writeData(out, model.backend(), tensors);
                }
            });
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write checkpoint: " + e, e);
        }
    }

    /**
     * Restores {@code model}'s parameters, optimizer state and optimizer step count from {@code file}, after
     * checking that the file is intact and was written for this model with these shapes. The model is left
     * unchanged when any check fails.
     *
     * @return the checkpoint's metadata
     */
    public static Map<String, String> load(Path file, Model model) {
        ModelInfo info = model.info();
        try (FileChannel in = open(file)) {
            Header header = readHeader(file, in);
            String writtenFor = header.metadata.get(MODEL);
            if (writtenFor == null) {
                throw new CheckpointException(file + ": not a Neurite checkpoint (no '" + MODEL
                        + "' in its metadata)");
            }
            if (!writtenFor.equals(info.name())) {
                throw new CheckpointException(file + ": checkpoint was written for model " + writtenFor + ", not "
                        + info.name());
            }
            String optimizer = optimizerName(model.optimizer());
            String writtenWith = header.metadata.getOrDefault(OPTIMIZER, "?");
            if (!writtenWith.equals(optimizer)) {
                throw new CheckpointException(file + ": checkpoint was written with optimizer " + writtenWith
                        + " but model " + info.name() + " uses " + optimizer);
            }
            long steps = parseSteps(file, header.metadata.get(OPTIMIZER_STEPS));

            List<Tensor> expected = tensorsOf(model);
            for (Tensor tensor : expected) {
                checkShape(file, header, tensor, info.name());
            }
            // Read everything before touching the model, so a bad file cannot leave it half restored.
            Map<Buffer, float[]> values = new IdentityHashMap<>();
            for (Tensor tensor : expected) {
                float[] flat = values.computeIfAbsent(tensor.flat, b -> new float[b.length()]);
                readTensor(file, in, header, tensor, flat);
            }
            Backend backend = model.backend();
            values.forEach((buffer, flat) -> backend.write(buffer, flat, 0, flat.length));
            model.optimizer().setSteps(steps);
            return header.metadata;
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint: " + e, e);
        }
    }

    /** The metadata of a checkpoint, after checking its header (for {@code neurite eval} and resuming). */
    public static Map<String, String> readMetadata(Path file) {
        try (FileChannel in = open(file)) {
            return readHeader(file, in).metadata;
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read checkpoint: " + e, e);
        }
    }

    // ---------------------------------------------------------------- tensors of a model

    /** One named tensor: {@code size} elements of the flat buffer {@code flat} starting at {@code offset}. */
    private record Tensor(String name, List<Integer> shape, Buffer flat, int offset, int size) {
    }

    private static List<Tensor> tensorsOf(Model model) {
        List<Tensor> tensors = new ArrayList<>();
        List<ParameterTensor> parameters = model.info().parameters();
        for (ParameterTensor p : parameters) {
            tensors.add(new Tensor(p.name(), p.shape(), model.parameters(), p.offset(), p.size()));
        }
        for (Map.Entry<String, Buffer> state : new TreeMap<>(model.optimizer().state()).entrySet()) {
            for (ParameterTensor p : parameters) {
                tensors.add(new Tensor("optimizer." + state.getKey() + "." + p.name(), p.shape(), state.getValue(),
                        p.offset(), p.size()));
            }
        }
        return tensors;
    }

    private static String optimizerName(Optimizer optimizer) {
        return optimizer.spec().kind().name().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- writing

    private static byte[] header(List<Tensor> tensors, Map<String, String> metadata) {
        JsonObject json = new JsonObject();
        JsonObject meta = new JsonObject();
        metadata.forEach(meta::addProperty);
        json.add(METADATA_KEY, meta);
        long offset = 0;
        for (Tensor tensor : tensors) {
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", "F32");
            JsonArray shape = new JsonArray();
            tensor.shape.forEach(shape::add);
            entry.add("shape", shape);
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offset += 4L * tensor.size;
            offsets.add(offset);
            entry.add("data_offsets", offsets);
            json.add(tensor.name, entry);
        }
        byte[] text = new Gson().toJson(json).getBytes(StandardCharsets.UTF_8);
        // Pad with spaces to a multiple of 8 so the data starts aligned, as the safetensors writers do.
        int padded = (text.length + 7) / 8 * 8;
        byte[] header = new byte[padded];
        System.arraycopy(text, 0, header, 0, text.length);
        for (int i = text.length; i < padded; i++) {
            header[i] = ' ';
        }
        return header;
    }

    private static void writeData(FileChannel out, Backend backend, List<Tensor> tensors) throws IOException {
        Map<Buffer, float[]> hostCopies = new IdentityHashMap<>();
        ByteBuffer bytes = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor tensor : tensors) {
            float[] flat = hostCopies.computeIfAbsent(tensor.flat, buffer -> {
                float[] copy = new float[buffer.length()];
                backend.read(buffer, copy, 0, copy.length);
                return copy;
            });
            for (int done = 0; done < tensor.size; ) {
                int n = Math.min(CHUNK_FLOATS, tensor.size - done);
                bytes.clear();
                bytes.asFloatBuffer().put(flat, tensor.offset + done, n);
                bytes.limit(4 * n);
                writeFully(out, bytes);
                done += n;
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    // ---------------------------------------------------------------- reading

    /** A parsed header: tensor entries by name, the metadata, where the data starts and how long it is. */
    private record Header(JsonObject tensors, Map<String, String> metadata, long dataStart, long dataLength) {
    }

    private static FileChannel open(Path file) throws IOException {
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": checkpoint not found");
        }
    }

    private static Header readHeader(Path file, FileChannel in) throws IOException {
        long size = in.size();
        if (size < 8) {
            throw new CheckpointException(file + ": not a safetensors checkpoint: only " + size + " bytes");
        }
        ByteBuffer lengthBytes = readAt(in, 0, 8);
        long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - 8) {
            throw new CheckpointException(file + ": damaged checkpoint: header length " + headerLength
                    + " does not fit a file of " + size + " bytes");
        }
        String text = StandardCharsets.UTF_8.decode(readAt(in, 8, (int) headerLength)).toString();
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new JsonParseException("not a JSON object");
            }
            json = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new CheckpointException(file + ": damaged checkpoint: header is not valid JSON ("
                    + e.getMessage() + ")");
        }
        Map<String, String> metadata = new TreeMap<>();
        JsonElement meta = json.remove(METADATA_KEY);
        if (meta != null && meta.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : meta.getAsJsonObject().entrySet()) {
                if (e.getValue().isJsonPrimitive()) {
                    metadata.put(e.getKey(), e.getValue().getAsString());
                }
            }
        }
        return new Header(json, metadata, 8 + headerLength, size - 8 - headerLength);
    }

    private static void checkShape(Path file, Header header, Tensor tensor, String modelName) {
        JsonElement entry = header.tensors.get(tensor.name);
        if (entry == null || !entry.isJsonObject()) {
            throw new CheckpointException(file + ": checkpoint has no tensor " + tensor.name + " " + tensor.shape
                    + " that model " + modelName + " needs");
        }
        List<Integer> shape = new ArrayList<>();
        try {
            JsonObject object = entry.getAsJsonObject();
            for (JsonElement dim : object.getAsJsonArray("shape")) {
                shape.add(dim.getAsInt());
            }
            String dtype = object.get("dtype").getAsString();
            if (!dtype.equals("F32")) {
                throw new CheckpointException(file + ": tensor " + tensor.name + " has dtype " + dtype
                        + "; Neurite checkpoints hold F32");
            }
        } catch (RuntimeException e) {
            if (e instanceof CheckpointException c) {
                throw c;
            }
            throw new CheckpointException(file + ": damaged checkpoint: malformed entry for " + tensor.name);
        }
        if (!shape.equals(tensor.shape)) {
            throw new CheckpointException(file + ": checkpoint has " + tensor.name + " " + shape + " but model "
                    + modelName + " expects " + tensor.shape);
        }
    }

    private static void readTensor(Path file, FileChannel in, Header header, Tensor tensor, float[] flat)
            throws IOException {
        long begin;
        long end;
        try {
            JsonArray offsets = header.tensors.getAsJsonObject(tensor.name).getAsJsonArray("data_offsets");
            begin = offsets.get(0).getAsLong();
            end = offsets.get(1).getAsLong();
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": damaged checkpoint: malformed data_offsets for " + tensor.name);
        }
        if (begin < 0 || end - begin != 4L * tensor.size || end > header.dataLength) {
            throw new CheckpointException(file + ": damaged checkpoint: tensor " + tensor.name + " has data_offsets ["
                    + begin + ", " + end + "] but needs " + 4L * tensor.size + " bytes inside the "
                    + header.dataLength + " bytes of data (truncated file?)");
        }
        for (int done = 0; done < tensor.size; ) {
            int n = Math.min(CHUNK_FLOATS, tensor.size - done);
            ByteBuffer bytes = readAt(in, header.dataStart + begin + 4L * done, 4 * n);
            bytes.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(flat, tensor.offset + done, n);
            done += n;
        }
    }

    private static ByteBuffer readAt(FileChannel in, long position, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining()) {
            if (in.read(bytes, position + bytes.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return bytes.flip();
    }

    private static long parseSteps(Path file, String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new CheckpointException(file + ": damaged checkpoint: " + OPTIMIZER_STEPS + " is '" + text + "'");
        }
    }
}
