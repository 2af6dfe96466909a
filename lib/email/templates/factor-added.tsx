import { defineEmailTemplate } from "../template";
import { FactorChange, type FactorChangeProps } from "./factor-change";

export type FactorAddedProps = FactorChangeProps;

export const factorAdded = defineEmailTemplate<FactorAddedProps>({
  subject: ({ method }, { t }) => t("factorAdded.subject", { method }),
  Component: (props) => <FactorChange change="factorAdded" {...props} />,
});
