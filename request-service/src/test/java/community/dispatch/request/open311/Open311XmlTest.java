package community.dispatch.request.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.StringReader;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The XML the documentation shows, and the XML the writer makes, have the specification's shapes. */
class Open311XmlTest {

    @Test
    void theDocumentedExamplesHaveTheSpecificationsShapes() throws Exception {
        Map<String, String> examples = Open311Examples.load();
        assertThat(examples).containsOnlyKeys("created", "definition", "discovery", "errors", "posted", "requests", "services",
                "tokens", "updates");
        Validator validator = validator();
        examples.forEach((name, example) -> assertThatCode(() -> validator.validate(new StreamSource(new StringReader(example))))
                .as(name).doesNotThrowAnyException());
    }

    @Test
    void listsNestTheirItemsObjectsTheirFieldsInOrderAndLeftOutFieldsStayOut() {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> definition = new java.util.LinkedHashMap<>();
        definition.put("service_code", "free-clinic");
        definition.put("attributes", List.of(Map.of("values", List.of(Map.of("key", "yes")))));
        definition.put("missing", null);

        String xml = Open311Xml.write("service_definition", json.valueToTree(definition));

        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><service_definition><service_code>free-clinic</service_code>"
                + "<attributes><attribute><values><value><key>yes</key></value></values></attribute></attributes></service_definition>");
    }

    private static Validator validator() throws Exception {
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(Open311XmlTest.class.getResource("/open311/georeport-v2.xsd")).newValidator();
    }
}
