package org.lodestone.recon.mrd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class IsmrmrdHeaderXmlTest {

    static final EncodingSpec SPEC = new EncodingSpec(128, 96, 1, 220, 165, 6, 95, 0, 4, 1, 0, 4, 2_128_345.6, 0.05,
            "T1 SE <axial> & fast", "Lodestone PM-50");

    @Test
    void buildThenParseGivesTheSameSpec() {
        String xml = IsmrmrdHeaderXml.build(SPEC);
        assertThat(xml).contains("xmlns=\"http://www.ismrm.org/ISMRMRD\"")
                .contains("<systemVendor>Lodestone</systemVendor>")
                .contains("<trajectory>cartesian</trajectory>")
                .contains("<H1resonanceFrequency_Hz>2128346</H1resonanceFrequency_Hz>");
        EncodingSpec parsed = IsmrmrdHeaderXml.parseEncoding(xml);
        // The schema stores the frequency as an integer number of Hz.
        assertThat(parsed).isEqualTo(new EncodingSpec(128, 96, 1, 220, 165, 6, 95, 0, 4, 1, 0, 4, 2_128_346, 0.05,
                "T1 SE <axial> & fast", "Lodestone PM-50"));
    }

    @Test
    void headerIsValidAgainstTheInstalledIsmrmrdSchema() throws Exception {
        Path xsd = Path.of("/usr/share/ismrmrd/schema/ismrmrd.xsd"); // Debian package ismrmrd-schema
        Assumptions.assumeTrue(Files.isReadable(xsd), "ismrmrd.xsd not installed");
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd.toFile());
        schema.newValidator().validate(new StreamSource(new StringReader(IsmrmrdHeaderXml.build(SPEC))));
    }

    @Test
    void missingFieldsGetDocumentedDefaults() {
        String xml = """
                <ismrmrdHeader xmlns="http://www.ismrm.org/ISMRMRD">
                  <experimentalConditions><H1resonanceFrequency_Hz>2000000</H1resonanceFrequency_Hz></experimentalConditions>
                  <encoding>
                    <encodedSpace><matrixSize><x>64</x><y>32</y><z>1</z></matrixSize>
                      <fieldOfView_mm><x>200</x><y>100</y><z>5</z></fieldOfView_mm></encodedSpace>
                    <trajectory>cartesian</trajectory>
                  </encoding>
                </ismrmrdHeader>""";
        EncodingSpec s = IsmrmrdHeaderXml.parseEncoding(xml);
        assertThat(s.matrixX()).isEqualTo(64);
        assertThat(s.encodeStep1Max()).isEqualTo(31);
        assertThat(s.receiverChannels()).isEqualTo(1);
        assertThat(s.fieldTesla()).isNaN();
        assertThat(s.larmorHz()).isEqualTo(2e6);
        assertThat(s.protocolName()).isEmpty();
    }

    @Test
    void brokenXmlGivesAReadableMessage() {
        assertThatThrownBy(() -> IsmrmrdHeaderXml.parseEncoding("<ismrmrdHeader><encoding>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not well-formed XML (line 1");
        assertThatThrownBy(() -> IsmrmrdHeaderXml.parseEncoding("<other/>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected <ismrmrdHeader>");
    }
}
