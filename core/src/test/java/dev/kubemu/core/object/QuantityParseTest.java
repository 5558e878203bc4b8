package dev.kubemu.core.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityParseTest {
  @ParameterizedTest
  @CsvSource({"500m,500m", "1,1", "0.5,500m", "4,4", "8Gi,8Gi", "500Mi,500Mi", "500M,500M", "1e3,1k", "1.5Gi,1536Mi",
      "+2,2", "128974848,128974848", "129e6,129M", "123Mi,123Mi", "0,0", "100k,100k", ".5,500m"})
  void parsesAndPrintsCanonically(String text, String canonical) {
    assertThat(Quantity.parse(text).toString()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"500MB|" + Quantity.FORMAT_ERROR, "abc|" + Quantity.FORMAT_ERROR,
      "5 Gi|" + Quantity.FORMAT_ERROR, "1K|" + Quantity.SUFFIX_ERROR, "1mi|" + Quantity.SUFFIX_ERROR,
      "|" + Quantity.FORMAT_ERROR})
  void rejectsWithApimachinerysMessages(String text, String message) {
    assertThatThrownBy(() -> Quantity.parse(text == null ? "" : text)).hasMessage(message);
  }
}
