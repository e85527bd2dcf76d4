/**
 * Given and family names by culture, for settling names in code (no LLM round trip per name).
 * Space-separated to keep the table compact; multi-word family names use `_` for the space.
 */
interface NameTable {
  female: string;
  male: string;
  family: string;
}

const TABLES: Record<string, NameTable> = {
  american: {
    female:
      'Emily Sarah Jessica Ashley Megan Rachel Lauren Hannah Brittany Amanda Kayla Nicole Heather Melissa Danielle Courtney',
    male: 'James Michael Ryan Tyler Brandon Justin Kevin Jason Eric Matthew Andrew Cody Dustin Travis Derek Kyle',
    family:
      'Smith Johnson Miller Davis Wilson Anderson Thompson Moore Taylor Martin Clark Lewis Walker Hall Young Allen Wright Scott Baker Nelson',
  },
  hispanic: {
    female: 'Maria Guadalupe Sofia Valentina Isabella Daniela Gabriela Lucia Ana Camila Ximena Paola',
    male: 'Jose Luis Carlos Juan Miguel Alejandro Diego Javier Eduardo Ricardo Fernando Mateo',
    family:
      'Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Reyes Cruz',
  },
  african_american: {
    female: 'Aaliyah Imani Jasmine Keisha Tamika Ebony Destiny Nia Shanice Latoya Monique Kiara',
    male: 'Darnell Jamal Terrence Marcus Andre DeShawn Malik Tyrone Reginald Darius Isaiah Jerome',
    family:
      'Washington Jefferson Jackson Harris Robinson Brooks Coleman Jenkins Simmons Banks Freeman Bryant Gaines Hayes',
  },
  british: {
    female: 'Olivia Amelia Charlotte Poppy Imogen Eleanor Harriet Freya Abigail Lucy Georgia Phoebe',
    male: 'Oliver Harry George Alfie Charlie Jack Thomas William Callum Rhys Oscar Hugo',
    family: 'Jones Evans Roberts Hughes Edwards Green Wood Harrison Cooper Ward Morris Turner Bennett Fletcher',
  },
  canadian: {
    female: 'Chloe Avery Madison Brooke Leah Maya Claire Naomi Sophie Julia Megan Zoe',
    male: 'Liam Noah Ethan Logan Owen Nathan Mason Hunter Connor Gabriel Caleb Luc',
    family: 'Tremblay Gagnon Roy Cote Bouchard MacDonald Campbell Stewart Murray Fraser Reid Morin Boucher',
  },
  nigerian: {
    female:
      'Chiamaka Ngozi Adaeze Funmilayo Yetunde Aisha Blessing Temitope Folake Amaka Zainab Oluwaseun Ifeoma Bukola',
    male: 'Chinedu Emeka Tunde Oluwaseun Ibrahim Adebayo Obinna Segun Babatunde Kelechi Musa Femi Uche Chukwuemeka',
    family:
      'Okafor Adeyemi Okonkwo Balogun Eze Nwosu Adebayo Olawale Bello Obi Abubakar Afolabi Ogunleye Nnamdi Ikenna Uzor',
  },
  kenyan: {
    female: 'Wanjiru Achieng Njeri Akinyi Wambui Chebet Nyambura Atieno Jepkosgei Muthoni',
    male: 'Kamau Otieno Mwangi Kiprop Omondi Njoroge Kipchoge Wafula Ochieng Kariuki',
    family: 'Kimani Odhiambo Mutua Wekesa Kiplagat Ndungu Onyango Maina Chege Rotich',
  },
  ghanaian: {
    female: 'Akosua Ama Abena Efua Adwoa Afia Yaa Esi',
    male: 'Kwame Kofi Kwabena Yaw Kojo Kwaku Fiifi Kwesi',
    family: 'Mensah Asante Owusu Boateng Osei Appiah Agyeman Darko Ofori Amoah',
  },
  south_african: {
    female: 'Thandiwe Naledi Lerato Nomvula Zanele Palesa Anele Busisiwe',
    male: 'Sipho Thabo Mandla Bongani Lwazi Tshepo Kagiso Themba',
    family: 'Nkosi Dlamini Mokoena Khumalo Ndlovu Botha van_der_Merwe Mahlangu Naidoo Pillay',
  },
  indian: {
    female: 'Priya Ananya Kavya Divya Sneha Pooja Lakshmi Meera Aditi Nisha Shreya Anjali',
    male: 'Arjun Rahul Vikram Rohan Aditya Sanjay Karthik Amit Rajesh Suresh Nikhil Anil',
    family: 'Sharma Patel Reddy Iyer Gupta Singh Nair Menon Joshi Rao Mehta Desai Kulkarni Chopra',
  },
  pakistani: {
    female: 'Ayesha Fatima Sana Hira Mahnoor Zara Amna Mehwish',
    male: 'Ali Hamza Usman Bilal Faisal Imran Asad Tariq',
    family: 'Khan Ahmed Qureshi Malik Chaudhry Butt Siddiqui Hussain Raza Sheikh',
  },
  chinese: {
    female: 'Mei Xiu Ying Li Na Fang Jing Yan Xin Hui Lan Qing',
    male: 'Wei Jun Hao Lei Ming Qiang Jie Tao Bo Yong Peng Chen',
    family: 'Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu',
  },
  japanese: {
    female: 'Yuki Haruka Aoi Sakura Misaki Yui Nanami Emi Hina Rin',
    male: 'Haruto Takumi Kenji Hiroshi Daiki Sota Ren Yuto Kaito Shota',
    family: 'Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada',
  },
  korean: {
    female: 'Ji-woo Seo-yeon Min-ji Ha-eun Soo-ah Ye-jin Da-eun Eun-ji',
    male: 'Min-jun Seo-jun Ji-hoon Hyun-woo Do-yoon Joon-ho Sung-min Tae-yang',
    family: 'Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh',
  },
  vietnamese: {
    female: 'Linh Lan Mai Huong Thao Trang Ngoc Anh',
    male: 'Minh Tuan Duc Hung Khanh Long Quang Nam',
    family: 'Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do',
  },
  filipino: {
    female: 'Maricel Jocelyn Kristine Angelica Rowena Mylene Cristina Jasmine',
    male: 'Jericho Paolo Mark Rodel Arnel Jomar Renato Carlo',
    family: 'Santos Reyes Cruz Bautista Ocampo Mendoza Villanueva Dela_Cruz Aquino Ramos',
  },
  mexican: {
    female: 'Guadalupe Fernanda Ximena Mariana Alejandra Regina Paulina Renata',
    male: 'Santiago Emiliano Rodrigo Arturo Raul Ignacio Joaquin Armando',
    family: 'Hernandez Garcia Martinez Lopez Gonzalez Ramirez Flores Vazquez Castillo Morales Ortiz Jimenez',
  },
  brazilian: {
    female: 'Ana Beatriz Juliana Larissa Fernanda Camila Leticia Mariana Gabriela Bruna',
    male: 'Joao Pedro Lucas Gabriel Rafael Thiago Felipe Bruno Gustavo Matheus',
    family: 'Silva Santos Oliveira Souza Pereira Costa Rodrigues Almeida Nascimento Lima Carvalho Ferreira',
  },
  spanish: {
    female: 'Lucia Carmen Paula Elena Marta Laura Nuria Alba',
    male: 'Pablo Javier Sergio Alvaro Jorge Adrian Ivan Raul',
    family: 'Garcia Fernandez Gonzalez Rodriguez Lopez Martin Sanchez Jimenez Ruiz Navarro Moreno Romero',
  },
  french: {
    female: 'Camille Chloe Manon Lea Juliette Ines Louise Margaux Claire Amelie',
    male: 'Lucas Hugo Louis Theo Antoine Julien Mathieu Nicolas Pierre Maxime',
    family: 'Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel',
  },
  german: {
    female: 'Anna Lena Lea Hannah Laura Julia Katharina Sophie Johanna Miriam',
    male: 'Lukas Jonas Leon Felix Maximilian Tobias Florian Jan Stefan Markus',
    family: 'Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter',
  },
  italian: {
    female: 'Giulia Chiara Francesca Sara Martina Alessia Federica Valentina',
    male: 'Marco Luca Alessandro Matteo Lorenzo Davide Andrea Giuseppe',
    family: 'Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo',
  },
  polish: {
    female: 'Anna Katarzyna Magdalena Agnieszka Zofia Joanna Natalia Marta',
    male: 'Piotr Krzysztof Tomasz Pawel Michal Jakub Kamil Marcin',
    family: 'Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski',
  },
  egyptian: {
    female: 'Nour Mariam Yasmin Salma Hana Farida Rania Dina',
    male: 'Omar Ahmed Mostafa Karim Youssef Tarek Amr Hesham',
    family: 'Hassan Mahmoud Ibrahim Abdelrahman Saleh Fawzy Mansour Said Kamel Nasser',
  },
  turkish: {
    female: 'Zeynep Elif Ayse Fatma Merve Esra Defne Ebru',
    male: 'Mehmet Mustafa Emre Burak Can Kerem Murat Serkan',
    family: 'Yilmaz Kaya Demir Sahin Celik Yildiz Aydin Ozturk Arslan Dogan',
  },
  australian: {
    female: 'Matilda Isla Ruby Grace Ella Sienna Mia Tahlia',
    male: 'Lachlan Cooper Jack Riley Mitchell Hamish Angus Harrison',
    family: 'Smith Jones Williams Brown Wilson Taylor Nguyen Kelly Ryan Walsh Murphy OBrien',
  },
  indonesian: {
    female: 'Siti Dewi Putri Ayu Rina Wulan Intan Fitri',
    male: 'Budi Agus Rizky Andi Dimas Fajar Hendra Yusuf',
    family: 'Santoso Wijaya Saputra Pratama Hidayat Kusuma Setiawan Gunawan',
  },
  norwegian: {
    female: 'Ingrid Kari Solveig Marit Ingeborg Sigrid Astrid Hanne Tone Silje Nora Ida',
    male: 'Ole Lars Knut Arne Bjørn Sverre Eirik Håkon Magnus Jonas Sindre Espen',
    family: 'Hansen Johansen Olsen Larsen Andersen Pedersen Nilsen Berg Haugen Bakke Solberg Lie Dahl Moen',
  },
  swedish: {
    female: 'Anna Eva Karin Sara Emma Maja Elsa Linnea Frida Ebba Astrid Matilda',
    male: 'Erik Lars Anders Johan Karl Nils Oskar Axel Gustav Viktor Emil Mattias',
    family: 'Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Lindberg Lindqvist Holm',
  },
  danish: {
    female: 'Mette Anne Kirsten Hanne Camilla Louise Sofie Freja Ida Line Maria Signe',
    male: 'Jens Søren Niels Mads Rasmus Anders Mikkel Frederik Kasper Christian Jesper Lasse',
    family: 'Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Madsen Kristensen',
  },
};

/** Words that point to a table; checked in order against nationality/ethnicity/location text. */
const CUES: [RegExp, string][] = [
  [/norw(ay|egian)|\boslo\b|bergen|trondheim|troms/i, 'norwegian'],
  [/swed(en|ish)|stockholm|gothenburg|malm/i, 'swedish'],
  [/denmark|danish|copenhagen|aarhus/i, 'danish'],
  [/scandinavi|nordic/i, 'swedish'],
  [/hispanic|latin[oax]/i, 'hispanic'],
  [/black|african.american/i, 'african_american'],
  [/nigeria|lagos|abuja|ibadan|kano/i, 'nigerian'],
  [/kenya|nairobi|mombasa/i, 'kenyan'],
  [/ghana|accra/i, 'ghanaian'],
  [/south.africa|johannesburg|cape town|durban/i, 'south_african'],
  [/india|mumbai|delhi|bangalore|bengaluru|chennai/i, 'indian'],
  [/pakistan|karachi|lahore/i, 'pakistani'],
  [/chin(a|ese)|beijing|shanghai|shenzhen/i, 'chinese'],
  [/japan|tokyo|osaka/i, 'japanese'],
  [/korea|seoul|busan/i, 'korean'],
  [/viet|hanoi|saigon|ho chi minh/i, 'vietnamese'],
  [/philippin|filipin|manila/i, 'filipino'],
  [/mexic/i, 'mexican'],
  [/brazil|s[aã]o paulo|rio de/i, 'brazilian'],
  [/spain|spanish|madrid|barcelona/i, 'spanish'],
  [/fran(ce|çais)|french|paris|lyon/i, 'french'],
  [/german|berlin|munich|hamburg/i, 'german'],
  [/ital(y|ian)|rome|milan/i, 'italian'],
  [/poland|polish|warsaw/i, 'polish'],
  [/egypt|cairo/i, 'egyptian'],
  [/turk|istanbul|ankara/i, 'turkish'],
  [/australia|sydney|melbourne/i, 'australian'],
  [/indonesia|jakarta/i, 'indonesian'],
  [/canad|toronto|montreal|vancouver/i, 'canadian'],
  [/brit|england|english|scot|wales|welsh|\buk\b|united kingdom|london|manchester/i, 'british'],
  [/asian/i, 'chinese'],
  [/americ|\bus\b|\busa\b|united states/i, 'american'],
];

/** The name table that fits a piece of text (nationality, ethnicity, place), American by default. */
export function nameTableFor(text: string): { female: string[]; male: string[]; family: string[] } {
  const key = CUES.find(([pattern]) => pattern.test(text))?.[1] ?? 'american';
  const table = TABLES[key];
  const split = (words: string) => words.split(' ').map((word) => word.replace(/_/g, ' '));
  return { female: split(table.female), male: split(table.male), family: split(table.family) };
}

/**
 * The gender a given name belongs to in the name tables ("Andrew Miller" → `male`), or undefined for a name
 * the tables do not hold or hold for both.
 *
 * @example
 *   givenNameGender('Andrew Miller'); // 'male'
 */
export function givenNameGender(fullName: string): 'female' | 'male' | undefined {
  const first = fullName.trim().split(/\s+/)[0] ?? '';
  const inTables = (gender: 'female' | 'male') =>
    Object.values(TABLES).some((table) => table[gender].split(' ').some((name) => name.replace(/_/g, ' ') === first));
  const female = inTables('female');
  const male = inTables('male');
  return female === male ? undefined : female ? 'female' : 'male';
}
