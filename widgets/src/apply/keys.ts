/**
 * The keys of the applicant's and the courier address's fields, in the order the form
 * asks for them: the steps render them, the flow builds the application's body from them.
 */
export const APPLICANT_KEYS = ['type', 'name', 'idType', 'idNumber', 'legalRepresentative', 'phone', 'email'] as const;
export const ADDRESS_KEYS = ['recipient', 'phone', 'province', 'city', 'district', 'detail', 'postalCode'] as const;
