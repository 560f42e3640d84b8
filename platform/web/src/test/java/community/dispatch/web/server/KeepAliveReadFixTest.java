package community.dispatch.web.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class KeepAliveReadFixTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(KeepAliveReadFix.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(KeepAliveReadFix.PROPERTY);
        }
        else {
            System.setProperty(KeepAliveReadFix.PROPERTY, before);
        }
    }

    @Test
    void turnsTheServerSettingOnWhenNobodyChoseIt() {
        System.clearProperty(KeepAliveReadFix.PROPERTY);

        new KeepAliveReadFix().postProcessEnvironment(new MockEnvironment(), new SpringApplication());

        assertThat(System.getProperty(KeepAliveReadFix.PROPERTY)).isEqualTo("true");
    }

    @Test
    void anExplicitSettingWins() {
        System.setProperty(KeepAliveReadFix.PROPERTY, "false");

        new KeepAliveReadFix().postProcessEnvironment(new MockEnvironment(), new SpringApplication());

        assertThat(System.getProperty(KeepAliveReadFix.PROPERTY)).isEqualTo("false");
    }
}
