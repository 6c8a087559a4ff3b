package org.lodestone.remote.hub;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PACS the hub knows, by the name the units send to ({@code pacs add NAME …} on a unit), each
 * with its DICOMweb root, e.g. {@code ORTHANC=http://pacs.hospital.example:8042/dicom-web}. A
 * study's URL is {@code <root>/studies/<StudyInstanceUID>} (WADO-RS).
 */
public record PacsDirectory(Map<String, URI> roots) {
    public PacsDirectory {
        roots = Map.copyOf(roots);
    }

    public static PacsDirectory none() {
        return new PacsDirectory(Map.of());
    }

    /** {@code NAME=URL} entries (the hub's {@code --pacs}); bad input: IllegalArgumentException naming it. */
    public static PacsDirectory parse(List<String> entries) {
        Map<String, URI> m = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("--pacs takes NAME=DICOMWEB-URL (got '" + e + "')");
            String url = e.substring(eq + 1).strip();
            URI uri;
            try {
                uri = new URI(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            } catch (URISyntaxException x) {
                throw new IllegalArgumentException("--pacs " + e.substring(0, eq) + ": '" + url + "' is not a URL");
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--pacs " + e.substring(0, eq) + ": the DICOMweb root must be an http(s) URL (got '" + url + "')");
            }
            if (uri.getUserInfo() != null) throw new IllegalArgumentException("--pacs " + e.substring(0, eq)
                    + ": put no credentials in the URL (the link is shown to every viewer)");
            m.put(e.substring(0, eq).strip(), uri);
        }
        return new PacsDirectory(m);
    }

    /** The study's DICOMweb URL at that PACS, when the hub knows it. */
    public Optional<URI> studyUrl(String pacs, String studyUid) {
        URI root = roots.get(pacs);
        if (root == null || !studyUid.matches("[0-9.]{1,64}")) return Optional.empty();
        return Optional.of(URI.create(root + "/studies/" + studyUid));
    }

    /** QIDO-RS search for just that study, to check that the PACS holds it. */
    public Optional<URI> studySearch(String pacs, String studyUid) {
        URI root = roots.get(pacs);
        if (root == null || !studyUid.matches("[0-9.]{1,64}")) return Optional.empty();
        return Optional.of(URI.create(root + "/studies?StudyInstanceUID=" + studyUid));
    }
}
