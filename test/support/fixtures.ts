/** Valid sample data for the food business licence (食品经营许可, item 000105002000, department amr). */
export const FOOD_LICENCE = '000105002000';
export const FOOD_DEPARTMENT = 'amr';
export const CATALOG_VERSION = '2026.12.2';

export const applicantCompany = {
  type: 'company',
  name: '岳阳市洞庭鲜食品有限公司',
  idType: 'credit_code',
  idNumber: '91430600MA4T8K2L39',
  phone: '13907301234',
  legalRepresentative: '李湘君',
};

export const foodLicenceForm = {
  companyName: '岳阳市洞庭鲜食品有限公司',
  creditCode: '91430600MA4T8K2L39',
  legalRepresentative: '李湘君',
  contactMobile: '13907301234',
  premisesAddress: '湖南省岳阳市岳阳楼区巴陵中路88号',
  businessCategories: '餐饮服务经营者',
  premisesArea: 120.5,
};

export const courierDelivery = {
  mode: 'courier',
  address: {
    recipient: '李湘君',
    phone: '13907301234',
    province: '湖南省',
    city: '岳阳市',
    district: '岳阳楼区',
    detail: '巴陵中路88号',
    postalCode: '414000',
  },
};

/** Uploads the four required non-deferrable materials and defers the two deferrable ones. */
export async function foodLicenceApplication(
  upload: (content: string, type?: string) => Promise<string>,
  dueDate: string,
) {
  const materials = [];
  for (const code of ['M0003', 'M0001', 'M0002', 'M0030']) {
    materials.push({ materialCode: code, uploadId: await upload(`%PDF-1.4 sample ${code} ${Math.random()}`) });
  }
  return {
    catalogVersion: CATALOG_VERSION,
    itemCode: FOOD_LICENCE,
    applicant: applicantCompany,
    form: foodLicenceForm,
    materials,
    deferred: [
      { materialCode: 'M0032', dueDate, commitmentAccepted: true },
      { materialCode: 'M0031', dueDate, commitmentAccepted: true },
    ],
    delivery: courierDelivery,
  };
}
