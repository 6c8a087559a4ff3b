package org.lodestone.dicom.export;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeFactory;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomDictionary;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SpecificCharacterSet;

import java.util.Locale;

/** Puts attributes into a PixelMed list by tag, with the VR from the standard dictionary and our character set. */
public final class Attributes {
    /** Everything we write is UTF-8 (Specific Character Set ISO_IR 192). */
    public static final SpecificCharacterSet UTF8 = new SpecificCharacterSet(new String[] {"ISO_IR 192"});

    private Attributes() {
    }

    /** Sets {@code tag} to the backslash-separated {@code values}; an empty string gives an empty (type 2) attribute. */
    public static void put(AttributeList list, AttributeTag tag, String values) throws DicomException {
        byte[] vr = DicomDictionary.StandardDictionary.getValueRepresentationFromTag(tag);
        Attribute a = AttributeFactory.newAttribute(tag, vr, UTF8);
        if (values != null && !values.isEmpty()) {
            for (String v : values.split("\\\\", -1)) a.addValue(v);
        }
        list.put(a);
    }

    /** A decimal string value: at most 16 characters, no exponent where avoidable. */
    public static String ds(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        if (s.length() > 16) s = String.format(Locale.ROOT, "%.9e", v);
        if (s.length() > 16) s = String.format(Locale.ROOT, "%.4e", v);
        return s;
    }

    /** Several decimal strings, backslash-separated. */
    public static String ds(double... v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) b.append('\\');
            b.append(ds(v[i]));
        }
        return b.toString();
    }

    public static String get(AttributeList list, AttributeTag tag) {
        return Attribute.getDelimitedStringValuesOrEmptyString(list, tag);
    }
}
