package community.dispatch.request.open311;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;

/**
 * The XML examples of the Open311 answers, kept as files ({@code openapi/open311/<name>.xml}) rather than strings in
 * code, and put in the OpenAPI document's components as {@code open311-<name>}, where {@link Open311Api} points to them.
 */
@Component
class Open311Examples implements GlobalOpenApiCustomizer {

    static final String PREFIX = "open311-";

    private static final String LOCATION = "classpath:openapi/open311/*.xml";

    private final Map<String, String> examples = load();

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        examples.forEach((name, xml) -> openApi.getComponents().addExamples(PREFIX + name, new Example().value(xml)));
    }

    /** Every example by its name (the file's, without {@code .xml}), as the document shows it. */
    static Map<String, String> load() {
        try {
            Map<String, String> found = new TreeMap<>();
            for (Resource file : List.of(new PathMatchingResourcePatternResolver().getResources(LOCATION))) {
                try (InputStream in = file.getInputStream()) {
                    found.put(file.getFilename().replaceFirst("\\.xml$", ""), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            return Collections.unmodifiableMap(found);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read the Open311 examples", e);
        }
    }
}
