package community.dispatch.volunteer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Accept orders and precise dispatch: teams, volunteers, dispatch rules, offers and service hours. */
@SpringBootApplication
public class VolunteerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VolunteerServiceApplication.class, args);
    }
}
