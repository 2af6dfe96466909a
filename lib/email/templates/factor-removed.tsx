import { defineEmailTemplate } from "../template";
import { FactorChange, type FactorChangeProps } from "./factor-change";

export type FactorRemovedProps = FactorChangeProps;

export const factorRemoved = defineEmailTemplate<FactorRemovedProps>({
  subject: ({ method }, { t }) => t("factorRemoved.subject", { method }),
  Component: (props) => <FactorChange change="factorRemoved" {...props} />,
});
