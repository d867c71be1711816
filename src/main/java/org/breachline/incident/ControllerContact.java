package org.breachline.incident;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Who to tell at the controller when the organisation is only its processor. */
public record ControllerContact(
        @NotBlank @Size(max = 200) String name,
        @Email @Size(max = 254) String email,
        @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number such as +4930123456")
        String phone) {
}
