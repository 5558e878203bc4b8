package dev.kubemu.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  @Test
  void invalidListsEachDistinctMessageOnceButKeepsEveryCause() {
    // a pod update without an image: the spec check and the container-update check both report it
    FieldError image = FieldError.required("spec.containers[0].image", "");
    ApiException e = ApiErrors.invalid("", "Pod", "web", List.of(image, image));
    assertThat(e.getMessage()).isEqualTo("Pod \"web\" is invalid: spec.containers[0].image: Required value");
    assertThat(e.details().causes()).hasSize(2);
  }

  @Test
  void invalidBracketsSeveralMessages() {
    ApiException e = ApiErrors.invalid("apps", "Deployment", "web", List.of(
        FieldError.invalid("spec.replicas", -1L, "must be greater than or equal to 0"),
        FieldError.required("spec.selector", "")));
    assertThat(e.getMessage()).isEqualTo("Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: "
        + "must be greater than or equal to 0, spec.selector: Required value]");
  }
}
