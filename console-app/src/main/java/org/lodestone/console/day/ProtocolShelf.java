package org.lodestone.console.day;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.lodestone.seq.limits.UnitProfile;
import org.lodestone.seq.protocol.ParameterException;
import org.lodestone.seq.protocol.Protocol;
import org.lodestone.seq.protocol.ProtocolLibrary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The protocol library by body region: the tuned defaults shipped as data ({@code protocol-library.json}) and
 * the site's user protocols, one JSON file each in {@code userDir}. Saving, editing, export and import are
 * refused for users who may not scan (the viewer role).
 */
public final class ProtocolShelf {
    public static final List<String> REGIONS = List.of("head", "spine", "knee", "shoulder", "wrist-hand", "ankle", "abdomen-pelvis");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<LibraryProtocol> shipped;
    private final Path userDir;

    private ProtocolShelf(List<LibraryProtocol> shipped, Path userDir) {
        this.shipped = List.copyOf(shipped);
        this.userDir = userDir;
    }

    /** The shipped library and the user protocols under {@code userDir} (created when needed). */
    public static ProtocolShelf load(Path userDir) {
        try (InputStream in = ProtocolShelf.class.getResourceAsStream("protocol-library.json")) {
            if (in == null) throw new IllegalStateException("protocol-library.json is missing from the console");
            List<LibraryProtocol> all = JSON.readValue(in, new TypeReference<List<LibraryProtocol>>() { });
            return new ProtocolShelf(all, userDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<LibraryProtocol> shipped() {
        return shipped;
    }

    /** Shipped then user protocols of one region. */
    public List<LibraryProtocol> region(String region) {
        List<LibraryProtocol> out = new ArrayList<>(shipped.stream().filter(p -> p.region().equals(region)).toList());
        out.addAll(user().stream().filter(p -> p.region().equals(region)).toList());
        return out;
    }

    public List<LibraryProtocol> user() {
        if (!Files.isDirectory(userDir)) return List.of();
        try (Stream<Path> files = Files.list(userDir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(ProtocolShelf::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LibraryProtocol read(Path f) {
        try {
            return JSON.readValue(f.toFile(), LibraryProtocol.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("protocol file " + f.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The unit protocol it builds on. */
    public static Protocol protocolOf(LibraryProtocol p) {
        return ProtocolLibrary.find(p.protocol()).orElseThrow(() -> new IllegalArgumentException("unknown protocol " + p.protocol()));
    }

    /** Checks the parameters against the unit protocol (names, ranges, timing) on the planning profile. */
    public static void validate(LibraryProtocol p) throws ParameterException {
        protocolOf(p).build(p.parameters(), UnitProfile.PLANNING);
    }

    /** Saves (or replaces, when the id exists) a user protocol; the id is a file name. */
    public LibraryProtocol save(Session who, LibraryProtocol p) throws ParameterException, IOException {
        requireEditor(who);
        if (!p.id().matches("[A-Za-z0-9._-]{1,64}")) throw new IllegalArgumentException("a protocol name uses letters, digits, '.', '_' or '-'");
        if (!REGIONS.contains(p.region())) throw new IllegalArgumentException("unknown body region " + p.region());
        if (shipped.stream().anyMatch(s -> s.id().equals(p.id()))) throw new IllegalArgumentException("'" + p.id() + "' is a shipped protocol; save it under another name");
        validate(p);
        LibraryProtocol stored = new LibraryProtocol(p.id(), p.region(), p.protocol(), p.titles(), p.parameters(),
                who.user().orElseThrow().name());
        Files.createDirectories(userDir);
        JSON.writeValue(userDir.resolve(p.id() + ".json").toFile(), stored);
        return stored;
    }

    public void delete(Session who, String id) throws IOException {
        requireEditor(who);
        Files.deleteIfExists(userDir.resolve(id + ".json"));
    }

    /** Writes the user protocols to one file, to take to another unit. */
    public int exportTo(Session who, Path file) throws IOException {
        requireEditor(who);
        List<LibraryProtocol> mine = user();
        JSON.writeValue(file.toFile(), mine);
        return mine.size();
    }

    /** Reads protocols from an export; each is checked against the unit protocol before it is kept. */
    public int importFrom(Session who, Path file) throws IOException, ParameterException {
        requireEditor(who);
        List<LibraryProtocol> in = JSON.readValue(file.toFile(), new TypeReference<List<LibraryProtocol>>() { });
        for (LibraryProtocol p : in) validate(p);
        for (LibraryProtocol p : in) save(who, p);
        return in.size();
    }

    private static void requireEditor(Session who) {
        if (!who.mayEditProtocols()) throw new SecurityException("your role may not change protocols");
    }

    /** For tests and the "defaults" button: the shipped entry by id. */
    public LibraryProtocol find(String id) {
        return Stream.concat(shipped.stream(), user().stream()).filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no protocol " + id));
    }

}
