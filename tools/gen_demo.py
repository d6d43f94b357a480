#!/usr/bin/env python3
"""Generate Passerelle's demo event: assets/demo/event.toml, participants.csv and meetings.csv.

Run from the repository root:

    python3 tools/gen_demo.py            # rewrites the three files
    python3 tools/gen_demo.py --out DIR  # writes them into DIR instead

Standard library only. The output is byte-identical on every run: all randomness comes from one
seeded generator, and only rng.random() is used (its stream for an integer seed is stable across
Python versions, unlike some helpers built on top of it). People and organisations are fictitious;
e-mail domains all end in .example (RFC 2606), so no real mailbox can be reached.

Edit this script, not the generated files.
"""

import argparse
import csv
import os
import random
import unicodedata

SEED = 20261208
PARTICIPANT_COUNT = 360
ID_PREFIX = "EIF26-"

EVENT_NAME = "Euregio Innovation Forum 2026"
EVENT_VENUE = "MECC Maastricht"
EVENT_TIMEZONE = "Europe/Amsterdam"
EVENT_DAYS = ["2026-12-08", "2026-12-09"]

TAG_B2B = "b2b"
TAG_HYDROGEN = "workshop-hydrogen"
TAG_HEALTH = "workshop-digital-health"

# Exact counts, so the demo always shows the same mix on the kiosk screens.
B2B_COUNT = 216  # 60 %
HYDROGEN_ONLY_COUNT = 70
HEALTH_ONLY_COUNT = 64
BOTH_WORKSHOPS_COUNT = 10  # workshop total 144 = 40 %
TICKET_HOLDER_COUNT = 30
DOUBLE_TICKET_COUNT = 2  # a lost-and-reissued ticket in the other system: two codes, one person
CANCELLED_COUNT = 8
BLOCKED_COUNT = 2
OTHER_ORIGIN_SHARE = 0.08
NEIGHBOUR_SHARE = 0.07

# The B2B session of the first day ([b2b] in event.toml) and its meeting requests (meetings.csv):
# 14 slots of 20 minutes and 40 tables hold 560 meetings; the requests fill about three quarters.
B2B_SESSION = {
    "day": "2026-12-08", "start": "10:00", "slot_minutes": 20, "pause_minutes": 5,
    "morning_slots": 8, "afternoon_start": "14:30", "afternoon_slots": 6, "tables": 40,
}
B2B_AREAS = [("Hall Maas", 1, 20), ("Hall Geul", 21, 40)]
MEETING_REQUEST_COUNT = 420
MEETING_SEED = SEED + 1  # its own stream: the participants stay as they were

SECTORS = {
    "LS": "Life sciences", "HE": "Health", "MA": "Innovative materials", "ICT": "ICT",
    "EN": "Energy", "HT": "High-tech systems",
}
ALL_SECTORS = "LS HE MA ICT EN HT"
ORG_TYPES = {"sme": "sme", "large": "large_company", "uni": "university",
             "research": "research_centre", "support": "support_organisation"}

# name | domain (without .example) | country | region | name culture | type | sectors
# (type and sector codes are spelt out by ORG_TYPES and SECTORS)
ORGANISATIONS = """
Kempen Polymeren BV|kempen-polymeren|BE|Limburg|nl_BE|sme|MA
Hasseltse Zorgdata BV|zorgdata-hasselt|BE|Limburg|nl_BE|sme|HE ICT
Waterstof Genk NV|waterstof-genk|BE|Limburg|nl_BE|sme|EN
Lommel Glas & Coatings NV|lommel-coatings|BE|Limburg|nl_BE|sme|MA
Maaseik Robotics BV|maaseik-robotics|BE|Limburg|nl_BE|sme|HT
Beringen Battery Labs BV|beringen-batterylabs|BE|Limburg|nl_BE|sme|EN
Tongeren MedTech BV|tongeren-medtech|BE|Limburg|nl_BE|sme|HE
Hogeschool Limburg-Kempen|hs-limburgkempen|BE|Limburg|nl_BE|uni|HE ICT EN HT
Demer Universiteit|demer-universiteit|BE|Vlaams-Brabant|nl_BE|uni|LS MA ICT EN
Vlaams Instituut voor Materiaalonderzoek (VIMO)|vimo|BE|Antwerpen|nl_BE|research|MA EN
Ontwikkelingsagentschap Limburg-Maasland|oalm|BE|Limburg|nl_BE|support|ALL
Antwerp Photonics NV|antwerp-photonics|BE|Antwerpen|nl_BE|sme|HT
Scheldebiotech BV|scheldebiotech|BE|Antwerpen|nl_BE|sme|LS
Polderzon Energie BV|polderzon|BE|West-Vlaanderen|nl_BE|sme|EN
Gentse Eiwitfabriek BV|eiwitfabriek|BE|Oost-Vlaanderen|nl_BE|sme|LS
Leuven Cell Therapeutics NV|leuven-celltx|BE|Vlaams-Brabant|nl_BE|sme|LS
Dijle Data Systems BV|dijle-data|BE|Vlaams-Brabant|nl_BE|sme|ICT
Van Hoeck & Zonen Precisiemechanica NV|vanhoeck-precisie|BE|Antwerpen|nl_BE|sme|HT
Cluster Slimme Materialen Vlaanderen vzw|slimmematerialen|BE|Oost-Vlaanderen|nl_BE|support|MA
Kempenchem NV|kempenchem|BE|Antwerpen|nl_BE|large|MA EN
Haute École de la Vesdre|he-vesdre|BE|Liège|fr_BE|uni|ICT HT HE
Université du Val de Meuse|uvm|BE|Liège|fr_BE|uni|LS MA EN ICT
Centre de recherche en biomatériaux de Wallonie (CRBW)|crbw|BE|Hainaut|fr_BE|research|MA LS
Agence de développement Liège-Verviers|adlv|BE|Liège|fr_BE|support|ALL
Chambre de commerce et d'industrie de la Vesdre|cci-vesdre|BE|Liège|fr_BE|support|ALL
Biowal Diagnostics SA|biowal-diagnostics|BE|Liège|fr_BE|sme|LS
"Dubois, Lambert & Associés SRL"|dla-conseil|BE|Namur|fr_BE|sme|ICT
Hydrogène de Wallonie SA|h2wallonie|BE|Hainaut|fr_BE|sme|EN
Sambre Composites SRL|sambre-composites|BE|Hainaut|fr_BE|sme|MA
Ardennes Data Center SA|ardennes-dc|BE|Luxembourg|fr_BE|sme|ICT
Mosane Santé SPRL|mosane-sante|BE|Liège|fr_BE|sme|HE
Seraing Mécatronique SA|seraing-meca|BE|Liège|fr_BE|sme|HT
Nivelles Pharma Solutions SA|nivelles-pharma|BE|Brabant wallon|fr_BE|sme|LS
Groupe Métallurgique Meuse-Sambre SA|gmms|BE|Liège|fr_BE|large|MA HT
Venn Kunststofftechnik GmbH|venn-kunststoff|BE|Liège|de_BE|sme|MA
Standortagentur Eupen-St. Vith|standort-eupen|BE|Liège|de_BE|support|ALL
Europe Digital Health Alliance AISBL|edha|BE|Brussels-Capital|bru|support|HE ICT
Brussels Quantum Software SRL|bqs|BE|Brussels-Capital|bru|sme|ICT
Sablon Biotech SA|sablon-bio|BE|Brussels-Capital|bru|sme|LS
Maas University of Applied Sciences|maas-uas|NL|Limburg|nl_NL|uni|ALL
Mergelland University|mergelland-university|NL|Limburg|nl_NL|uni|LS HE MA
Geleen Materials Campus Institute|gmci|NL|Limburg|nl_NL|research|MA EN
Ontwikkelingsmaatschappij Zuid-Limburg (OZL)|ozl|NL|Limburg|nl_NL|support|ALL
Stichting Euregio Innovatienetwerk|euregio-innovatie|NL|Limburg|nl_NL|support|ALL
Servaas Diagnostics BV|servaas-diagnostics|NL|Limburg|nl_NL|sme|LS
Heuvelland Health Data BV|heuvelland-healthdata|NL|Limburg|nl_NL|sme|HE
Sittard Polymer Solutions BV|sittard-polymers|NL|Limburg|nl_NL|sme|MA
Venlo AgriSensing BV|venlo-agrisensing|NL|Limburg|nl_NL|sme|HT
Roermond Drone Systems BV|roermond-drones|NL|Limburg|nl_NL|sme|HT
"Coöperatie ""De Groene Stroom"" U.A."|degroenestroom|NL|Limburg|nl_NL|sme|EN
Heerlen Cloud Services BV|heerlen-cloud|NL|Limburg|nl_NL|sme|ICT
Jeker MedTech BV|jeker-medtech|NL|Limburg|nl_NL|sme|HE
Eindhoven Photonic Integration BV|ehv-photonics|NL|Noord-Brabant|nl_NL|sme|HT
Kempenland Lithography Systems NV|kempenland-litho|NL|Noord-Brabant|nl_NL|large|HT
Technische Universiteit Dommelstad|tu-dommelstad|NL|Noord-Brabant|nl_NL|uni|HT ICT MA EN
Innovatiehuis Brabant|innovatiehuis-brabant|NL|Noord-Brabant|nl_NL|support|ALL
Tilburg AI Lab BV|tilburg-ailab|NL|Noord-Brabant|nl_NL|sme|ICT
Helmond Automotive Composites BV|helmond-composites|NL|Noord-Brabant|nl_NL|sme|MA
Breda Smart Grid BV|breda-smartgrid|NL|Noord-Brabant|nl_NL|sme|EN
Oss Biologics BV|oss-biologics|NL|Noord-Brabant|nl_NL|sme|LS
's-Hertogenbosch Zorginnovatie BV|shertogenbosch-zorg|NL|Noord-Brabant|nl_NL|sme|HE
Van der Heijden Mechatronica BV|vdheijden-mechatronica|NL|Noord-Brabant|nl_NL|sme|HT
Instituut voor Precisietechnologie Brabant (IPB)|ipb|NL|Noord-Brabant|nl_NL|research|HT
Zeeuwse Waterstofhaven BV|zeeuwse-waterstof|NL|Zeeland|nl_NL|sme|EN
Schelde Offshore Engineering BV|schelde-offshore|NL|Zeeland|nl_NL|sme|EN HT
Nijmegen Vaccine Research BV|nijmegen-vaccines|NL|Gelderland|nl_NL|sme|LS
Arnhem Energy Transition Institute|aeti|NL|Gelderland|nl_NL|research|EN
Veluwe Food & Health BV|veluwe-foodhealth|NL|Gelderland|nl_NL|sme|HE
Delftse Nanomaterialen BV|delft-nano|NL|Zuid-Holland|nl_NL|sme|MA
Leiden Bioscience Partners BV|leiden-bioscience|NL|Zuid-Holland|nl_NL|sme|LS
Utrechts Zorgplatform BV|utrecht-zorgplatform|NL|Utrecht|nl_NL|sme|HE ICT
Twente Sensor Systems BV|twente-sensors|NL|Overijssel|nl_NL|sme|HT
IJssel Composites BV|ijssel-composites|NL|Overijssel|nl_NL|sme|MA
Amsterdam Quantum Networks BV|ams-quantum|NL|Noord-Holland|nl_NL|sme|ICT
Hochschule Rur-Eifel|hs-rureifel|DE|Nordrhein-Westfalen|de_DE|uni|HT MA EN ICT
Universität Jülicher Land|uni-juelicherland|DE|Nordrhein-Westfalen|de_DE|uni|LS EN MA
Institut für Wasserstofftechnik Rur (IWR)|iwr-rur|DE|Nordrhein-Westfalen|de_DE|research|EN
Zentrum für Medizintechnik Aachen-Land (ZMA)|zma-medtech|DE|Nordrhein-Westfalen|de_DE|research|HE LS
Großmann Präzisionstechnik GmbH|grossmann-praezision|DE|Nordrhein-Westfalen|de_DE|sme|HT
Weißenfels Lasertechnik GmbH|weissenfels-laser|DE|Nordrhein-Westfalen|de_DE|sme|HT
Köhler & Söhne Spezialkeramik GmbH|koehler-keramik|DE|Nordrhein-Westfalen|de_DE|sme|MA
Eschweiler Batteriesysteme GmbH|eschweiler-batterie|DE|Nordrhein-Westfalen|de_DE|sme|EN
Dürener Papierinnovationen GmbH|dueren-papier|DE|Nordrhein-Westfalen|de_DE|sme|MA
Aachener Gesundheitsdaten GmbH|ac-gesundheitsdaten|DE|Nordrhein-Westfalen|de_DE|sme|HE ICT
Rurtal Robotik GmbH|rurtal-robotik|DE|Nordrhein-Westfalen|de_DE|sme|HT
Würselen Bioprozesstechnik GmbH|wuerselen-bioprozess|DE|Nordrhein-Westfalen|de_DE|sme|LS
Heinsberg Solar GmbH|heinsberg-solar|DE|Nordrhein-Westfalen|de_DE|sme|EN
Mönchengladbach Textiltechnik GmbH|mg-textiltechnik|DE|Nordrhein-Westfalen|de_DE|sme|MA
Niederrhein Spezialchemie AG|nr-spezialchemie|DE|Nordrhein-Westfalen|de_DE|large|MA
Westrhein Energieversorgung AG|westrhein-energie|DE|Nordrhein-Westfalen|de_DE|large|EN
Industrie- und Handelskammer Rur-Eifel|ihk-rureifel|DE|Nordrhein-Westfalen|de_DE|support|ALL
Innovationsagentur Dreiländereck GmbH|dreilaendereck|DE|Nordrhein-Westfalen|de_DE|support|ALL
Netzwerk Künstliche Intelligenz Rheinland e.V.|ki-rheinland|DE|Nordrhein-Westfalen|de_DE|support|ICT
Köln Medical Imaging GmbH|koeln-imaging|DE|Nordrhein-Westfalen|de_DE|sme|HE
Düsseldorf Cloud Security GmbH|dus-cloudsec|DE|Nordrhein-Westfalen|de_DE|sme|ICT
Bonn Bioinformatik GmbH|bonn-bioinfo|DE|Nordrhein-Westfalen|de_DE|sme|LS ICT
Ruhr Wasserstoffnetz GmbH|ruhr-h2netz|DE|Nordrhein-Westfalen|de_DE|sme|EN
Emscher Software GmbH|emscher-software|DE|Nordrhein-Westfalen|de_DE|sme|ICT
Trierer Medizinprodukte GmbH|trier-medizin|DE|Rheinland-Pfalz|de_DE|sme|HE
Eifel Biomaterialien GmbH|eifel-biomat|DE|Rheinland-Pfalz|de_DE|sme|MA LS
Kaiserslautern Smart Factory Institut|ksfi|DE|Rheinland-Pfalz|de_DE|research|HT ICT
Saarbrücker Stahlinnovation GmbH|saarbruecken-stahlinnovation|DE|Saarland|de_DE|sme|MA
Schwäbische Mikrosysteme GmbH|schwaebische-mikrosysteme|DE|Baden-Württemberg|de_DE|sme|HT
Osnabrück Agrarsensorik GmbH|os-agrarsensorik|DE|Niedersachsen|de_DE|sme|HT
Strauß Medizintechnik GmbH|strauss-medizintechnik|DE|Bayern|de_DE|sme|HE
Institut polytechnique de Lorraine-Nord|ipln|FR|Grand Est|fr_FR|uni|MA EN HT
Metz Cybersécurité SAS|metz-cyber|FR|Grand Est|fr_FR|sme|ICT
Strasbourg Biothérapies SAS|strasbourg-biotherapies|FR|Grand Est|fr_FR|sme|LS
Thionville Hydrogène SARL|thionville-h2|FR|Grand Est|fr_FR|sme|EN
Agence d'innovation Lorraine-Nord|ail-nord|FR|Grand Est|fr_FR|support|ALL
Reims Matériaux Biosourcés SARL|reims-biosources|FR|Grand Est|fr_FR|sme|MA
Lille Santé Numérique SAS|lille-sante-numerique|FR|Hauts-de-France|fr_FR|sme|HE ICT
Valenciennes Ferroviaire Systèmes SA|valenciennes-ferroviaire|FR|Hauts-de-France|fr_FR|large|HT
Pôle de compétitivité Matériaux du Nord|pole-matnord|FR|Hauts-de-France|fr_FR|support|MA
Cœur de Réseau SAS|coeur-reseau|FR|Île-de-France|fr_FR|sme|ICT
Institut luxembourgeois de recherche appliquée (ILRA)|ilra|LU|Luxembourg|lu|research|MA ICT EN LS
Esch Materials Sàrl|esch-materials|LU|Esch-sur-Alzette|lu|sme|MA
Belval Digital Health S.A.|belval-digitalhealth|LU|Esch-sur-Alzette|lu|sme|HE
Kirchberg FinTech Security S.à r.l.|kirchberg-sec|LU|Luxembourg|lu|sme|ICT
Agence luxembourgeoise pour l'innovation transfrontalière|alit|LU|Luxembourg|lu|support|ALL
Mersch Space Systems S.A.|mersch-space|LU|Mersch|lu|sme|HT
Moselle Solar Sàrl|moselle-solar|LU|Remich|lu|sme|EN
Østergaard Energi ApS|ostergaard-energi|DK|Syddanmark|dk|sme|EN
Kjærgaard Biotek ApS|kjaergaard-biotek|DK|Midtjylland|dk|sme|LS
Syddansk Vindteknologi A/S|syddansk-vind|DK|Syddanmark|dk|large|EN
Aarhus Robotteknik ApS|aarhus-robot|DK|Midtjylland|dk|sme|HT
Sønderborg Energiklynge|sonderborg-energiklynge|DK|Syddanmark|dk|support|EN
Vestjysk Sundhedsteknologi ApS|vestjysk-sundhed|DK|Midtjylland|dk|sme|HE
"""

# Given names and family names per name culture. Spelling is deliberate: the accents and special
# letters are what the kiosk's search and accent folding must cope with.
FIRST_NAMES = {
    "fr": "François Hélène Jérôme Gaëlle Amélie Céline Frédéric Benoît Loïc Agnès Chloé Léa Théo "
          "Zoé Joël Stéphane Aurélie Anaïs Cécile Rémi Hervé Sébastien Jean-Michel Marie-Hélène "
          "Émilie Élodie Étienne Thérèse Inès Maëlle Raphaël Clément Valérie Mélanie Pierre "
          "Nicolas Julien Camille Sophie Antoine Laurent Isabelle Nathalie Philippe Olivier Claire",
    "nl_BE": "Pieter Joris Wouter Koen Geert Els Hanne Stijn Bart Dries Lieve Annelies Sien "
             "Maarten Jef Anneleen Tine Lotte Niels Jeroen Ruben Ilse Femke Sofie Wim Michiel "
             "Liesbeth Jozefien Brecht Jonas Noëlle Zoë Daniëlle Raphaël Ward Lien Kato Arne",
    "nl_NL": "Sanne Daan Bram Joost Ruud Marloes Anouk Lieke Sven Thijs Jeroen Ilse Femke Michiel "
             "Tineke Ineke Mieke Arjen Marijke Gijs Eline Loïs Floor Rik Maarten Esther Jasper "
             "Wietske Hidde Roos Noor Chloë Zoë Daniëlle IJsbrand Job Sjoerd Merel Bas Fleur",
    "de": "Jürgen Jörg Günter Uwe Katharina Anke Bärbel Dörte Ute Stefan Matthias Andreas Tobias "
          "Lukas Jonas Maximilian Sabine Claudia Petra Julia Lena Hannah Jan Felix Ralf Hans-Peter "
          "Karl-Heinz Mareike Björn Sören Käthe Annegret Torsten Mirko Silke Jörn Götz Ina",
    "lu": "Guy Marc Jean-Claude Yves Romain Fernand Nicole Carole Tessy Joëlle Gilles Jos Mireille "
          "Claude Sandy Anne Pascale Georges Gaston Liliane Pol Lucien Françoise Michèle Sven Lynn",
    "dk": "Søren Åse Bjørn Jørgen Mette Mads Rasmus Frederikke Kirsten Lærke Jesper Henrik Anders "
          "Freja Ida Magnus Asger Signe Sørine Trine Thøger Birgitte Jens Mathilde Ulrik Øjvind",
}
LAST_NAMES = {
    "fr_BE": "Lambert Dubois Dupont Lefèvre Renard Collignon Thiry Jacquet Piérard Poncelet Goffin "
             "Mathieu Lhoëst Delvaux Dumont Crépin Lesage Dewèvre Godefroid Gérard Hénin Masson "
             "Noël Fontaine Bastien Lebœuf Desprès Brûlé Lemaître Wéry Hubert Closset Degée",
    "fr_FR": "Bélanger Durand Leroy Moreau Lefebvre Mercier Rousseau Fournier Girard Bonnet "
             "Chevalier Lécuyer Benoît Gaillard Hébert Pelletier Cœurdevey Lefèvre Martin Garnier "
             "Perrin Faure Rivière Lacroix Bézier Ménard Aubert Géraud Clément",
    "nl_BE": "Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters De Smet "
             "Van Damme Vermeulen Hendrickx Bogaerts Verstraeten Van Hoeck Vandenbroucke Geuens "
             "Coenen Lemmens Schreurs Cuypers Vanhoof Reniers Gielen Van den Bossche De Backer "
             "Vanderhaeghen D'Hondt Dewaele Van Looy Verbeeck",
    "nl_NL": "de Vries Janssen van Dijk Bakker Visser Smit Meijer de Jong Mulder de Boer "
             "Verhoeven van Rijn IJzerman van 't Hof Hoekstra Dijkstra Kuijpers Timmermans "
             "van den Berg van der Linden Brouwers Hermans Ramakers Vroemen Wijnen Kusters "
             "Bouwens Lemmens Crijns Geurts van der Meer Scholten Huijbregts IJpelaar",
    "de_DE": "Müller Weiß Groß Schröder Schäfer Köhler Krüger Hoffmann Schmitz Wagner Becker "
             "Fischer Meyer Schulz Koch Bauer Richter Klein Wolf Neumann Zimmermann Braun "
             "Hartmann Lange Jäger Böhm Gößling Strauß Voß Löffler Büttner Düsterhöft Mußmann "
             "Thoß Fuß Kessler Küppers Offermanns Dohmen Jansen",
    "de_BE": "Schmitz Kreusch Lenz Margraff Heinen Kohnen Cremer Pankert Mockel Creutz Müller "
             "Jousten Reuter Weiß Hilgers Genten Kessler Hennen",
    "lu": "Weber Schmit Hoffmann Wagner Kremer Reuter Muller Thill Schmitz Faber Wirtz Kieffer "
          "Hansen Majerus Ries Goedert Bettendorf Kaiser Feipel Frieden Hilbert Lentz Zeimet "
          "Bintner Thommes Schiltz Schaack Loesch Steichen Ewen Weis Goerens",
    "dk": "Jørgensen Sørensen Nielsen Østergaard Kjærgaard Madsen Møller Lønborg Pedersen "
          "Rasmussen Thøgersen Bæk Skovgård Højgaard Dahl Løkke Ravn Holm Bækgaard Mølgaard "
          "Kjær Frøslev",
}
# Surnames that are several words (van der Linden) must survive the whitespace split above.
MULTI_WORD_LAST_NAMES = [
    "De Smet", "Van Damme", "Van Hoeck", "Van den Bossche", "De Backer", "Van Looy", "de Vries",
    "van Dijk", "de Jong", "de Boer", "van Rijn", "van 't Hof", "van den Berg", "van der Linden",
    "van der Meer",
]

# People of other origins living in the region, each used at most once (Polish and Czech family
# names change with gender, so given and family name are kept together).
OTHER_ORIGIN_NAMES = [
    ("Łukasz", "Wróbel"), ("Małgorzata", "Kowalczyk"), ("Paweł", "Wiśniewski"),
    ("Agnieszka", "Błaszczyk"), ("Grzegorz", "Żak"), ("Katarzyna", "Dąbrowska"),
    ("Tomáš", "Dvořák"), ("Kateřina", "Procházková"), ("Jiří", "Černý"), ("Zdeněk", "Růžička"),
    ("Emre", "Şahin"), ("Ayşe", "Yılmaz"), ("Mehmet", "Öztürk"), ("Zeynep", "Çelik"),
    ("Burak", "Doğan"), ("Elif", "Kılıç"), ("João", "Gonçalves"), ("Conceição", "Araújo"),
    ("Tiago", "Simões"), ("Inês", "Magalhães"), ("José Antonio", "Muñoz"), ("Begoña", "Ibáñez"),
    ("Íñigo", "Peña"), ("Ștefan", "Popescu"), ("Ioana", "Țurcanu"), ("Zoltán", "Szőke"),
    ("Réka", "Kovács"), ("Niccolò", "De Luca"), ("Yassine", "El Amrani"), ("Nadia", "Bouzid"),
    ("Dimitrios", "Papadopoulos"), ("Þórunn", "Sigurðardóttir"), ("Ivana", "Đurić"),
    ("Minh", "Nguyễn"),
]

# Names that a demo of search and accent folding can rely on: each goes to one of the first people
# generated at an organisation of its culture, so they are present whatever the seed.
SHOWCASE_NAMES = {
    "fr_BE": [("Gaëlle", "Lebœuf"), ("Jérôme", "Lhoëst")],
    "fr_FR": [("François", "Bélanger"), ("Hélène", "Lefèvre")],
    "nl_BE": [("Noëlle", "Van den Bossche")],
    "nl_NL": [("Pieter", "van 't Hof"), ("IJsbrand", "de Vries")],
    "de_DE": [("Jürgen", "Strauß"), ("Bärbel", "Weiß"), ("Jörg", "Müller")],
    "de_BE": [("Günter", "Groß")],
    "lu": [("Joëlle", "Muller")],
    "dk": [("Åse", "Jørgensen"), ("Søren", "Østergaard")],
}

# Where a person at an organisation of one culture may come from instead (commuters, expats).
NEIGHBOUR_CULTURES = {
    "nl_BE": ["nl_NL", "fr_BE", "de_DE"], "fr_BE": ["nl_BE", "fr_FR", "de_BE", "lu"],
    "de_BE": ["fr_BE", "de_DE"], "nl_NL": ["nl_BE", "de_DE", "fr_BE"],
    "de_DE": ["nl_NL", "nl_BE", "de_BE"], "fr_FR": ["fr_BE", "lu", "de_DE"],
    "lu": ["fr_FR", "fr_BE", "de_DE", "de_BE"], "dk": ["de_DE", "nl_NL"],
}

ROLES = {
    "sme": [("CEO", 5), ("Founder & CEO", 2), ("CTO", 3), ("Managing director", 3),
            ("Business developer", 5), ("Sales manager", 2), ("R&D engineer", 3),
            ("Product manager", 2), ("COO", 1), ("Head of R&D", 2)],
    "large_company": [("Business developer", 3), ("Open innovation manager", 3),
                      ("R&D manager", 3), ("Procurement manager", 1), ("Product manager", 2),
                      ("Partnership manager", 2), ("Senior engineer", 2),
                      ("Head of Sales, Benelux", 1)],
    "university": [("Professor", 4), ("Researcher", 4), ("Postdoctoral researcher", 3),
                   ("PhD candidate", 2), ("Technology transfer officer", 2),
                   ("Valorisation manager", 1)],
    "research_centre": [("Researcher", 4), ("Senior researcher", 3), ("Project manager", 3),
                        ("Business developer", 2), ("Head of unit", 1),
                        ("Technology transfer officer", 1)],
    "support_organisation": [("Innovation advisor", 5), ("Project manager", 4),
                             ("Cluster manager", 2), ("Business advisor", 3), ("Director", 1),
                             ("Policy officer", 2), ("Communications officer", 1)],
}
# Bigger organisations send more people.
EXTRA_SEAT_WEIGHT = {"sme": 1.0, "large_company": 6.0, "university": 5.0, "research_centre": 4.0,
                     "support_organisation": 3.0}

# Letters that Unicode decomposition does not reduce to ASCII, or that German spells out.
FOLD_SPECIAL = {"ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d",
                "þ": "th", "ı": "i"}
FOLD_GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue"}

TICKET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes get typed in


class Rng:
    """Only random() of random.Random is used; the helpers below are built on it."""

    def __init__(self, seed):
        self._random = random.Random(seed)

    def below(self, n):
        return min(int(self._random.random() * n), n - 1)

    def chance(self, p):
        return self._random.random() < p

    def pick(self, items):
        return items[self.below(len(items))]

    def weighted_index(self, weights):
        target = self._random.random() * sum(weights)
        running = 0.0
        for index, weight in enumerate(weights):
            running += weight
            if target < running:
                return index
        return len(weights) - 1

    def pick_weighted(self, pairs):
        return pairs[self.weighted_index([weight for _, weight in pairs])][0]

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]

    def sample_weighted(self, candidates, weights, count):
        """Draws count distinct candidates without replacement."""
        pool = list(zip(candidates, weights))
        chosen = []
        for _ in range(count):
            index = self.weighted_index([weight for _, weight in pool])
            chosen.append(pool.pop(index)[0])
        return chosen


def split_names(text):
    for name in MULTI_WORD_LAST_NAMES:
        text = text.replace(name, name.replace(" ", "_"))
    return [word.replace("_", " ") for word in text.split()]


def load_organisations():
    rows = csv.reader(ORGANISATIONS.strip().splitlines(), delimiter="|")
    organisations = []
    for name, domain, country, region, culture, org_type, sectors in rows:
        codes = (ALL_SECTORS if sectors == "ALL" else sectors).split()
        organisations.append({
            "name": name, "domain": domain + ".example", "country": country, "region": region,
            "culture": culture, "type": ORG_TYPES[org_type], "sectors": [SECTORS[c] for c in codes],
        })
    return organisations


def fold_ascii(text, german):
    out = []
    for char in text.lower():
        if german and char in FOLD_GERMAN:
            out.append(FOLD_GERMAN[char])
        elif char in FOLD_SPECIAL:
            out.append(FOLD_SPECIAL[char])
        else:
            decomposed = unicodedata.normalize("NFKD", char)
            out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    folded = "".join(out)
    assert folded.isascii(), text
    return folded


def email_for(first, last, domain, german):
    local_first = fold_ascii(first, german).replace(" ", "-")
    local_last = fold_ascii(last, german).replace(" ", "").replace("'", "")
    return f"{local_first}.{local_last}@{domain}"


def name_pools(culture):
    """Returns (first names, last names) of one name culture."""
    first_key = {"fr_BE": "fr", "fr_FR": "fr", "de_DE": "de", "de_BE": "de"}.get(culture, culture)
    return split_names(FIRST_NAMES[first_key]), split_names(LAST_NAMES[culture])


def language_for(rng, culture, country, other_origin):
    home = {"nl_BE": "nl", "nl_NL": "nl", "fr_BE": "fr", "fr_FR": "fr", "de_DE": "de",
            "de_BE": "de", "dk": "en"}
    if culture == "lu":
        return rng.pick_weighted([("fr", 65), ("de", 25), ("en", 10)])
    if other_origin:
        return "en" if rng.chance(0.4) else home[culture]
    english_share = {"NL": 0.06, "DE": 0.05, "BE": 0.03}.get(country, 0.0)
    return "en" if rng.chance(english_share) else home[culture]


def seat_counts(rng, organisations):
    """Every organisation sends at least one person; bigger ones send more."""
    counts = [1] * len(organisations)
    weights = [EXTRA_SEAT_WEIGHT[org["type"]] for org in organisations]
    for _ in range(PARTICIPANT_COUNT - len(organisations)):
        counts[rng.weighted_index(weights)] += 1
    return counts


def make_people(rng, organisations):
    other_origin = list(OTHER_ORIGIN_NAMES)
    rng.shuffle(other_origin)
    showcase = {culture: list(names) for culture, names in SHOWCASE_NAMES.items()}
    # Random picks must not take a showcase name before its turn comes.
    used_names = {name for names in SHOWCASE_NAMES.values() for name in names}
    people = []
    for org, count in zip(organisations, seat_counts(rng, organisations)):
        for _ in range(count):
            people.append(make_person(rng, org, other_origin, showcase, used_names))
    assert not any(showcase.values()), f"showcase names left over: {showcase}"
    return people


def make_person(rng, org, other_origin, showcase, used_names):
    home_culture = org["culture"]
    if home_culture == "bru":
        home_culture = "fr_BE" if rng.chance(0.6) else "nl_BE"
    is_other = bool(other_origin) and rng.chance(OTHER_ORIGIN_SHARE)
    if is_other:
        first, last = other_origin.pop()
        culture = home_culture
    else:
        culture = home_culture
        if rng.chance(NEIGHBOUR_SHARE):
            culture = rng.pick(NEIGHBOUR_CULTURES[home_culture])
        firsts, lasts = name_pools(culture)
        if culture == home_culture and showcase[culture]:
            first, last = showcase[culture].pop(0)
        else:
            while True:
                first, last = rng.pick(firsts), rng.pick(lasts)
                if (first, last) not in used_names:
                    break
    used_names.add((first, last))
    language = language_for(rng, culture, org["country"], is_other)
    if org["culture"] == "bru" and rng.chance(0.25):
        language = "en"
    german = not is_other and culture in ("de_DE", "de_BE", "lu")
    return {
        "first_name": first, "last_name": last,
        "email": email_for(first, last, org["domain"], german),
        "organisation": org["name"], "country": org["country"], "region": org["region"],
        "sector": rng.pick(org["sectors"]), "organisation_type": org["type"],
        "language": language, "role": rng.pick_weighted(ROLES[org["type"]]),
        "tags": [], "ticket_codes": [], "status": "registered",
    }


def assign_tags(rng, people):
    everyone = list(range(len(people)))
    for index in rng.sample_weighted(everyone, [1.0] * len(people), B2B_COUNT):
        people[index]["tags"].append(TAG_B2B)

    def affinity(person, sectors):
        return 4.0 if person["sector"] in sectors else 1.0

    hydrogen = ("Energy", "Innovative materials")
    health = ("Health", "Life sciences", "ICT")
    both = rng.sample_weighted(everyone, [1.0] * len(people), BOTH_WORKSHOPS_COUNT)
    rest = [i for i in everyone if i not in both]
    hydrogen_only = rng.sample_weighted(
        rest, [affinity(people[i], hydrogen) for i in rest], HYDROGEN_ONLY_COUNT)
    rest = [i for i in rest if i not in hydrogen_only]
    health_only = rng.sample_weighted(
        rest, [affinity(people[i], health) for i in rest], HEALTH_ONLY_COUNT)
    for index in both + hydrogen_only:
        people[index]["tags"].append(TAG_HYDROGEN)
    for index in both + health_only:
        people[index]["tags"].append(TAG_HEALTH)


def new_ticket_code(rng, issued):
    while True:
        code = "EIF-TKT-" + "".join(rng.pick(TICKET_ALPHABET) for _ in range(6))
        if code not in issued:
            issued.add(code)
            return code


def assign_tickets_and_status(rng, people):
    everyone = list(range(len(people)))
    holders = rng.sample_weighted(everyone, [1.0] * len(people), TICKET_HOLDER_COUNT)
    issued = set()
    for index in holders:
        people[index]["ticket_codes"].append(new_ticket_code(rng, issued))
    for index in holders[:DOUBLE_TICKET_COUNT]:
        people[index]["ticket_codes"].append(new_ticket_code(rng, issued))
    # One cancelled and one blocked person hold a ticket code, so scanning a plain code can show
    # those screens too, not only a signed badge.
    holders_left = holders[DOUBLE_TICKET_COUNT:]
    people[holders_left[0]]["status"] = "cancelled"
    people[holders_left[1]]["status"] = "blocked"
    others = [i for i in everyone if i not in holders_left[:2]]
    rest = rng.sample_weighted(others, [1.0] * len(others), CANCELLED_COUNT + BLOCKED_COUNT - 2)
    for index in rest[:CANCELLED_COUNT - 1]:
        people[index]["status"] = "cancelled"
    for index in rest[CANCELLED_COUNT - 1:]:
        people[index]["status"] = "blocked"


def build_participants():
    rng = Rng(SEED)
    people = make_people(rng, load_organisations())
    assign_tags(rng, people)
    assign_tickets_and_status(rng, people)
    rng.shuffle(people)  # registration order mixes organisations
    for number, person in enumerate(people, start=1):
        person["external_id"] = f"{ID_PREFIX}{number:04d}"
    return people


CSV_HEADER = ["external_id", "first_name", "last_name", "email", "organisation", "country",
              "region", "sector", "organisation_type", "language", "role", "tags",
              "ticket_codes", "status"]


def write_participants(path, people):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(CSV_HEADER)
        for person in people:
            row = dict(person, tags=";".join(person["tags"]),
                       ticket_codes=";".join(person["ticket_codes"]))
            writer.writerow([row[column] for column in CSV_HEADER])


CHECKPOINTS = [
    ("Entrance", "once_per_day", [], "  # once_per_event | once_per_day | in_out"),
    ("B2B area", "in_out", [], ""),
    ("Workshop A: Hydrogen valleys across borders", "once_per_event", [TAG_HYDROGEN], ""),
    ("Workshop B: Digital health without borders", "once_per_event", [TAG_HEALTH], ""),
]


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_array(items):
    return "[" + ", ".join(toml_string(item) for item in items) + "]"


def write_event(path):
    lines = [
        "# Demo event of Passerelle "
        "(generated by tools/gen_demo.py; edit the script, not this file)",
        "[event]",
        f"name = {toml_string(EVENT_NAME)}",
        f"venue = {toml_string(EVENT_VENUE)}",
        f"timezone = {toml_string(EVENT_TIMEZONE)}",
        f"days = {toml_array(EVENT_DAYS)}",
    ]
    for name, rule, admits, rule_comment in CHECKPOINTS:
        lines += ["", "[[checkpoint]]", f"name = {toml_string(name)}",
                  f"rule = {toml_string(rule)}{rule_comment}"]
        if admits:
            lines.append(f"admits = {toml_array(admits)}  # people with any of these tags")
    session = B2B_SESSION
    lines += ["", "[b2b]  # the meeting slots of the first day (docs/event-config.md)",
              f"day = {toml_string(session['day'])}",
              f"start = {toml_string(session['start'])}",
              f"slot_minutes = {session['slot_minutes']}",
              f"pause_minutes = {session['pause_minutes']}",
              f"morning_slots = {session['morning_slots']}",
              f"afternoon_start = {toml_string(session['afternoon_start'])}",
              f"afternoon_slots = {session['afternoon_slots']}",
              f"tables = {session['tables']}"]
    for name, first, last in B2B_AREAS:
        lines += ["", "[[b2b.area]]", f"name = {toml_string(name)}", f"first_table = {first}",
                  f"last_table = {last}"]
    # A kiosk at each hall of tables, where both partners of a meeting scan (docs/B2B_AREA.md).
    for name, _first, _last in B2B_AREAS:
        lines += ["", "[[checkpoint]]", f"name = {toml_string('B2B tables: ' + name)}",
                  'kind = "b2b_area"  # every scan is a side of a meeting',
                  f"area = {toml_string(name)}"]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(lines) + "\n")


def build_meeting_requests(people):
    """Pairs of registered B2B participants, each in at most 8 requests, some with a half-day wish."""
    rng = Rng(MEETING_SEED)
    b2b = [p for p in people if TAG_B2B in p["tags"] and p["status"] == "registered"]
    count = {p["external_id"]: 0 for p in b2b}
    pairs = set()
    requests = []
    while len(requests) < MEETING_REQUEST_COUNT:
        a, b = rng.pick(b2b), rng.pick(b2b)
        if a is b or a["organisation"] == b["organisation"]:
            continue
        key = tuple(sorted((a["external_id"], b["external_id"])))
        if key in pairs or count[key[0]] >= 8 or count[key[1]] >= 8:
            continue
        pairs.add(key)
        count[key[0]] += 1
        count[key[1]] += 1
        window = rng.pick_weighted([("any", 85), ("morning", 10), ("afternoon", 5)])
        requests.append((a["external_id"], b["external_id"], window))
    return requests


def write_meetings(path, requests):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["a", "b", "window"])
        for request in requests:
            writer.writerow(request)


def main():
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(repo_root, "assets", "demo"),
                        help="output directory (default: assets/demo of this repository)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    write_event(os.path.join(args.out, "event.toml"))
    people = build_participants()
    write_participants(os.path.join(args.out, "participants.csv"), people)
    requests = build_meeting_requests(people)
    write_meetings(os.path.join(args.out, "meetings.csv"), requests)
    print(f"wrote event.toml, participants.csv ({len(people)} participants) and meetings.csv "
          f"({len(requests)} meeting requests) to {args.out}")


if __name__ == "__main__":
    main()
