package org.lodestone.recon.mrd;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Builds and parses the minimal ISMRMRD XML header that Lodestone writes into every raw-data file. */
public final class IsmrmrdHeaderXml {

    public static final String NAMESPACE = "http://www.ismrm.org/ISMRMRD";
    public static final String SYSTEM_VENDOR = "Lodestone";

    private IsmrmrdHeaderXml() {
    }

    /**
     * A header valid against ismrmrd.xsd: measurementInformation (patientPosition HFS, protocolName),
     * acquisitionSystemInformation, experimentalConditions and one Cartesian encoding whose encoded and
     * recon spaces are both {@code matrix}/{@code fov}. Limit centres are {@code max/2} rounded up for k-space
     * (the ISMRMRD convention: centre line N/2) and 0 for average/slice/contrast.
     */
    public static String build(EncodingSpec s) {
        StringBuilder x = new StringBuilder(2048);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<ismrmrdHeader xmlns=\"").append(NAMESPACE).append("\">\n");
        x.append("  <measurementInformation>\n");
        x.append("    <patientPosition>HFS</patientPosition>\n");
        if (!s.protocolName().isEmpty()) {
            x.append("    <protocolName>").append(escape(s.protocolName())).append("</protocolName>\n");
        }
        x.append("  </measurementInformation>\n");
        x.append("  <acquisitionSystemInformation>\n");
        x.append("    <systemVendor>").append(SYSTEM_VENDOR).append("</systemVendor>\n");
        if (!s.systemModel().isEmpty()) {
            x.append("    <systemModel>").append(escape(s.systemModel())).append("</systemModel>\n");
        }
        if (!Double.isNaN(s.fieldTesla())) {
            x.append("    <systemFieldStrength_T>").append(num(s.fieldTesla())).append("</systemFieldStrength_T>\n");
        }
        x.append("    <receiverChannels>").append(s.receiverChannels()).append("</receiverChannels>\n");
        x.append("  </acquisitionSystemInformation>\n");
        x.append("  <experimentalConditions>\n");
        // The schema types H1resonanceFrequency_Hz as xs:long.
        long larmor = Double.isNaN(s.larmorHz()) ? 0 : Math.round(s.larmorHz());
        x.append("    <H1resonanceFrequency_Hz>").append(larmor).append("</H1resonanceFrequency_Hz>\n");
        x.append("  </experimentalConditions>\n");
        x.append("  <encoding>\n");
        space(x, "encodedSpace", s);
        space(x, "reconSpace", s);
        x.append("    <encodingLimits>\n");
        limit(x, "kspace_encoding_step_1", s.encodeStep1Max(), (s.encodeStep1Max() + 1) / 2);
        limit(x, "kspace_encoding_step_2", s.encodeStep2Max(), (s.encodeStep2Max() + 1) / 2);
        limit(x, "average", s.averageMax(), 0);
        limit(x, "slice", s.sliceMax(), 0);
        limit(x, "contrast", s.contrastMax(), 0);
        x.append("    </encodingLimits>\n");
        x.append("    <trajectory>cartesian</trajectory>\n");
        x.append("  </encoding>\n");
        x.append("</ismrmrdHeader>\n");
        return x.toString();
    }

    /**
     * Reads the first encoding of an ISMRMRD XML header. Fields that are absent get defaults: matrix sizes
     * and receiver channels 1, fields of view 0, {@code encodeStep1Max}/{@code encodeStep2Max} from the
     * encoded matrix (y−1, z−1), other limits 0, frequency/field NaN, strings empty.
     *
     * @throws IllegalArgumentException if the text is not well-formed XML or not an ismrmrdHeader
     */
    public static EncodingSpec parseEncoding(String xml) {
        Element root = parse(xml).getDocumentElement();
        if (!"ismrmrdHeader".equals(root.getLocalName())) {
            throw new IllegalArgumentException("XML root element is <" + root.getLocalName()
                    + ">, expected <ismrmrdHeader>");
        }
        Element encoding = child(root, "encoding");
        Element encoded = child(encoding, "encodedSpace");
        int mx = intAt(1, encoded, "matrixSize", "x");
        int my = intAt(1, encoded, "matrixSize", "y");
        int mz = intAt(1, encoded, "matrixSize", "z");
        Element limits = child(encoding, "encodingLimits");
        return new EncodingSpec(mx, my, mz,
                doubleAt(0, encoded, "fieldOfView_mm", "x"),
                doubleAt(0, encoded, "fieldOfView_mm", "y"),
                doubleAt(0, encoded, "fieldOfView_mm", "z"),
                intAt(my - 1, limits, "kspace_encoding_step_1", "maximum"),
                intAt(mz - 1, limits, "kspace_encoding_step_2", "maximum"),
                intAt(0, limits, "slice", "maximum"),
                intAt(0, limits, "average", "maximum"),
                intAt(0, limits, "contrast", "maximum"),
                intAt(1, root, "acquisitionSystemInformation", "receiverChannels"),
                doubleAt(Double.NaN, root, "experimentalConditions", "H1resonanceFrequency_Hz"),
                doubleAt(Double.NaN, root, "acquisitionSystemInformation", "systemFieldStrength_T"),
                textAt("", root, "measurementInformation", "protocolName"),
                textAt("", root, "acquisitionSystemInformation", "systemModel"));
    }

    /**
     * The {@code reconSpace} of the first encoding; if the header has none, the encoded space (so callers can
     * treat "no reconSpace" as "no oversampling").
     */
    public static ReconSpace parseReconSpace(String xml) {
        Element root = parse(xml).getDocumentElement();
        Element encoding = child(root, "encoding");
        Element space = child(encoding, "reconSpace");
        if (space == null) {
            space = child(encoding, "encodedSpace");
        }
        return new ReconSpace(intAt(1, space, "matrixSize", "x"), intAt(1, space, "matrixSize", "y"),
                intAt(1, space, "matrixSize", "z"), doubleAt(0, space, "fieldOfView_mm", "x"),
                doubleAt(0, space, "fieldOfView_mm", "y"), doubleAt(0, space, "fieldOfView_mm", "z"));
    }

    private static void space(StringBuilder x, String name, EncodingSpec s) {
        x.append("    <").append(name).append(">\n");
        x.append("      <matrixSize><x>").append(s.matrixX()).append("</x><y>").append(s.matrixY())
                .append("</y><z>").append(s.matrixZ()).append("</z></matrixSize>\n");
        x.append("      <fieldOfView_mm><x>").append(num(s.fovXmm())).append("</x><y>").append(num(s.fovYmm()))
                .append("</y><z>").append(num(s.fovZmm())).append("</z></fieldOfView_mm>\n");
        x.append("    </").append(name).append(">\n");
    }

    private static void limit(StringBuilder x, String name, int max, int center) {
        x.append("      <").append(name).append("><minimum>0</minimum><maximum>").append(max)
                .append("</maximum><center>").append(center).append("</center></").append(name).append(">\n");
    }

    private static String num(double v) {
        // Shortest round-tripping decimal, never locale-dependent, never exponent for ordinary values.
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : Double.toString(v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // Header text comes from files; refuse DTDs and external entities.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // no "[Fatal Error]" lines on stderr
            return b.parse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw new IllegalArgumentException("ISMRMRD header is not well-formed XML (line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + "): " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("Cannot parse ISMRMRD header XML: " + e.getMessage(), e);
        }
    }

    /** First child element with the given local name (any namespace), or null. */
    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static String textAt(String fallback, Element from, String... path) {
        Element e = from;
        for (String p : path) {
            e = child(e, p);
        }
        return e == null ? fallback : e.getTextContent().trim();
    }

    private static int intAt(int fallback, Element from, String... path) {
        String t = textAt(null, from, path);
        if (t == null || t.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ISMRMRD header field " + String.join("/", path)
                    + " is not an integer: '" + t + "'");
        }
    }

    private static double doubleAt(double fallback, Element from, String... path) {
        String t = textAt(null, from, path);
        if (t == null || t.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ISMRMRD header field " + String.join("/", path)
                    + " is not a number: '" + t + "'");
        }
    }
}
