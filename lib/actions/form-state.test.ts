import { describe, expect, it } from "vitest";
import { formObject } from "./form-state";

describe("formObject", () => {
  it("reads the string fields of a FormData and leaves files out", () => {
    const data = new FormData();
    data.set("email", "ada@example.com");
    data.set("avatar", new Blob(["x"]), "a.png");
    expect(formObject(data)).toEqual({ email: "ada@example.com" });
  });

  it.each([undefined, null, "ada@example.com", { email: "ada@example.com" }, ["email"], 42])(
    "reads %j, which a client can send in place of a FormData, as an empty form",
    (value) => {
      expect(formObject(value)).toEqual({});
    },
  );
});
