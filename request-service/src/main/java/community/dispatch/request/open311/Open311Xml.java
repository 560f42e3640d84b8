package community.dispatch.request.open311;

import java.io.StringWriter;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import tools.jackson.databind.JsonNode;

/**
 * Open311's XML from the same tree the JSON answer is: an object's properties become elements in order,
 * a list becomes an element holding one element per item (named as {@link Open311Format#ITEMS} says:
 * {@code <attributes><attribute>…}), a value becomes text, and a property left out stays out.
 */
final class Open311Xml {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private Open311Xml() {
    }

    static String write(String root, JsonNode tree) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            element(xml, root, tree);
            xml.writeEndDocument();
            xml.close();
        }
        catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return text.toString();
    }

    private static void element(XMLStreamWriter xml, String name, JsonNode node) throws XMLStreamException {
        if (node == null || node.isNull()) {
            return;
        }
        xml.writeStartElement(name);
        if (node.isArray()) {
            String item = Open311Format.ITEMS.get(name);
            if (item == null) {
                throw new IllegalArgumentException("no XML item name for the list " + name);
            }
            for (JsonNode each : node) {
                element(xml, item, each);
            }
        }
        else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                element(xml, property.getKey(), property.getValue());
            }
        }
        else {
            xml.writeCharacters(node.asString());
        }
        xml.writeEndElement();
    }
}
